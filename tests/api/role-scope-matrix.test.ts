/**
 * The role × scope matrix, generated from two tables: every route and method of lib/api/routes.ts,
 * called with every role (owner, admin, member) × scope (read, write, admin) × credential
 * (personal key, integration key, OAuth access token), and each answer checked against what the
 * route's declared permission and lib/auth/permissions.ts say. A new route is in the matrix as soon
 * as it is in the route table; one that declares no permission (nor `auth: false`) fails here.
 */
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { API_ROUTES, routeFile, type RouteMethod, type RouteSpec } from "@/lib/api/routes";
import type { ApiHandler, RouteRequirement } from "@/lib/api/route";
import { can, PERMISSION_TABLE, ROLES, scopeFor, scopesForRole, usableScopes } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { hashKey, keyHint, mintKeyToken } from "@/lib/keys/format";
import { expandScopes, SCOPES, type Scope } from "@/lib/keys/scopes";
import { issueAccessToken } from "@/lib/oauth/access-token";
import { requestLogWriter } from "@/lib/request-log/writer";
import { createOrgWith, unique } from "../fixtures";
import { call } from "./client";

const root = path.resolve(import.meta.dirname, "../..");
type Kind = "personal" | "integration" | "oauth";
const KINDS: Kind[] = ["personal", "integration", "oauth"];

interface Credential {
  role: Role;
  scope: Scope;
  kind: Kind;
  token: string;
}

interface Operation {
  route: RouteSpec;
  method: RouteMethod;
  auth: string;
  handler: ApiHandler<never> | undefined;
}

const MUTATING = new Set<RouteMethod>(["POST", "PUT", "PATCH", "DELETE"]);
const label = (c: Credential) => `${c.role} ${c.kind} ${c.scope}`;

/** Parameters that name nothing: an allowed call reaches the handler and answers 404 or 4xx, never a change to shared rows. */
const pathFor = (route: RouteSpec) => route.path.replace(/\{(\.\.\.)?(\w+)\}/g, (_, __, name: string) => `matrix-${name}`);
const paramsFor = (route: RouteSpec) =>
  Object.fromEntries(
    [...route.path.matchAll(/\{(\.\.\.)?(\w+)\}/g)].map(([, dots, name]) => [name, dots ? [`matrix-${name}`] : `matrix-${name}`]),
  );

let operations: Operation[];
let credentials: Credential[];

async function loadOperations(): Promise<Operation[]> {
  const ops: Operation[] = [];
  for (const route of API_ROUTES) {
    const mod = (await import(/* @vite-ignore */ path.join(root, routeFile(route.path)))) as Record<string, unknown>;
    for (const [method, spec] of Object.entries(route.methods) as [RouteMethod, { auth: string }][]) {
      ops.push({ route, method, auth: spec.auth, handler: mod[method] as ApiHandler<never> | undefined });
    }
  }
  return ops;
}

/** Keys and clients are written directly: the matrix needs combinations the app refuses to mint (a member's key with `admin`). */
async function mint(orgId: string, userId: string, role: Role, scope: Scope, kind: Kind): Promise<Credential> {
  const scopes = expandScopes([scope]);
  if (kind === "oauth") {
    const client = await db.oAuthClient.create({
      data: {
        orgId,
        userId,
        createdById: userId,
        name: unique("Matrix client"),
        clientId: unique("ctc_matrix"),
        secretHash: hashKey(unique("secret")),
        secretHint: "cts_…test",
        scopes: [...SCOPES],
        rateLimitPerMinute: 100_000,
      },
    });
    return { role, scope, kind, token: await issueAccessToken(client, scopes) };
  }
  const token = mintKeyToken();
  await db.apiKey.create({
    data: {
      orgId,
      userId,
      createdById: userId,
      kind,
      name: unique("Matrix key"),
      scopes,
      hash: hashKey(token),
      hint: keyHint(token),
      rateLimitPerMinute: 100_000,
    },
  });
  return { role, scope, kind, token };
}

/** What the tables say this credential gets from this permission. */
function expected(c: Credential, permission: keyof typeof PERMISSION_TABLE): { allowed: true } | { allowed: false; code: string } {
  if (!can(c.role, permission)) return { allowed: false, code: "FORBIDDEN" };
  if (!usableScopes(expandScopes([c.scope]), c.role).includes(scopeFor(permission))) return { allowed: false, code: "INSUFFICIENT_SCOPE" };
  return { allowed: true };
}

/**
 * Credentials call one route at once: a body naming a row (a product id) names a row of its own
 * per call. (Concurrent creates of one product id can answer 500 instead of 409 on PostgreSQL:
 * that race is not what this matrix is about.)
 */
const distinct = (sample: unknown) =>
  sample && typeof sample === "object" && "id" in sample ? { ...sample, id: unique("matrix-product") } : (sample ?? {});

async function send(op: Operation, token: string | undefined) {
  const opts = { method: op.method, token, params: paramsFor(op.route) as Record<string, string> };
  const spec = op.route.methods[op.method]!;
  if (spec.body === "json") return call(op.handler as never, pathFor(op.route), { ...opts, body: distinct(spec.sample) });
  if (spec.body === "raw" || spec.body === "form")
    return call(op.handler as never, pathFor(op.route), {
      ...opts,
      rawBody: String(spec.sample ?? ""),
      headers: { "content-type": "application/octet-stream" },
    });
  return call(op.handler as never, pathFor(op.route), opts);
}

beforeAll(async () => {
  operations = await loadOperations();
  const { org, owner, others } = await createOrgWith(["admin", "member"]);
  const users: Record<Role, string> = { owner: owner.id, admin: others[0].id, member: others[1].id };
  credentials = [];
  for (const role of ROLES)
    for (const scope of SCOPES) for (const kind of KINDS) credentials.push(await mint(org.id, users[role], role, scope, kind));
}, 120_000);

describe("every route declares who may call it", () => {
  it("a bearer route declares a permission; a public, client or session route declares none", () => {
    for (const op of operations) {
      const what = `${op.method} ${op.route.path}`;
      const requirement: RouteRequirement | undefined = op.handler?.requirement;
      if (op.auth === "bearer") {
        expect(requirement && "permission" in requirement, `${what}: declare apiRoute({ permission: … })`).toBe(true);
        const permission = (requirement as { permission: keyof typeof PERMISSION_TABLE }).permission;
        expect(PERMISSION_TABLE[permission], `${what}: unknown permission ${permission}`).toBeDefined();
        // A state change behind a read scope would let a read-only key write.
        if (MUTATING.has(op.method)) expect(scopeFor(permission), `${what}: a change needs at least the write scope`).not.toBe("read");
      } else if (op.auth === "session" || op.auth === "client") {
        // next-auth's own handler, and the token endpoint (client credentials, RFC 6749 errors): no bearer credential.
        expect(requirement, what).toBeUndefined();
      } else {
        expect(requirement, `${what}: declare apiRoute({ auth: false })`).toEqual({ auth: false });
      }
    }
  });

  it("no role holds a scope it has no use for: members read and write, admins and owners also admin", () => {
    expect(scopesForRole("member")).toEqual(["read", "write"]);
    expect(scopesForRole("admin")).toEqual(["read", "write", "admin"]);
    expect(scopesForRole("owner")).toEqual(["read", "write", "admin"]);
  });
});

describe("the matrix: route × method × role × scope × credential", () => {
  it("answers every bearer route as the permission table says", async () => {
    const mismatches: string[] = [];
    const seen = { allowed: 0, FORBIDDEN: 0, INSUFFICIENT_SCOPE: 0 };
    let calls = 0;
    for (const op of operations.filter((o) => o.auth === "bearer")) {
      const permission = (op.handler!.requirement as { permission: keyof typeof PERMISSION_TABLE }).permission;
      const results = await Promise.all(credentials.map((c) => send(op, c.token).then((res) => ({ c, res }))));
      calls += results.length;
      for (const { c, res } of results) {
        const want = expected(c, permission);
        seen[want.allowed ? "allowed" : (want.code as "FORBIDDEN")]++;
        const what = `${op.method} ${op.route.path} [${permission}] as ${label(c)}: ${res.status} ${res.body?.code ?? ""}`;
        if (want.allowed) {
          if (res.status === 401 || res.status === 403 || res.status >= 500) mismatches.push(`${what}, expected allowed`);
        } else if (res.status !== 403 || res.body?.code !== want.code) mismatches.push(`${what}, expected 403 ${want.code}`);
      }
      const anonymous = await send(op, undefined);
      if (anonymous.status !== 401)
        mismatches.push(`${op.method} ${op.route.path} without a credential: ${anonymous.status}, expected 401`);
    }
    expect(mismatches).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual(27 * 30);
    // Each kind of answer occurs, so the matrix tests the refusals as well as the grants.
    for (const count of Object.values(seen)) expect(count).toBeGreaterThan(50);
  }, 120_000);

  it("public routes answer every credential and none alike, without 401 or 403", async () => {
    for (const op of operations.filter((o) => o.auth === "none")) {
      for (const token of [undefined, ...credentials.map((c) => c.token)]) {
        const res = await send(op, token);
        expect([401, 403], `${op.method} ${op.route.path}`).not.toContain(res.status);
      }
    }
  });

  it("whoami shows each credential the scopes it holds now: its own, cut to its user's role", async () => {
    const { GET } = await import("@/app/api/whoami/route");
    for (const c of credentials) {
      const res = await call(GET as never, "/api/whoami", { token: c.token });
      expect(res.status, label(c)).toBe(200);
      expect(res.body.data.scopes, label(c)).toEqual(usableScopes(expandScopes([c.scope]), c.role));
    }
  });
});

afterAll(() => requestLogWriter().drain());
