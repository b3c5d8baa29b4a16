import { execFile } from "node:child_process";
import { mkdtempSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { methodNotAllowed } from "@/lib/api/fallback";
import type { RouteRequirement } from "@/lib/api/route";
import { PERMISSION_TABLE } from "@/lib/auth/permissions";
import { TEST_EVENT_TYPE, WEBHOOK_EVENT_TYPES } from "@/lib/webhooks/events";
import { openApiDocument } from "@/lib/api/openapi";
import { GET as serveDocument } from "@/app/api/openapi.json/route";
import { call } from "./client";

const root = path.resolve(import.meta.dirname, "../..");
type Json = Record<string, unknown>;
type Operation = Json & { responses: Record<string, Json>; requestBody?: Json };
const doc = openApiDocument() as unknown as Json & { paths: Record<string, Record<string, Operation>>; components: Json };
const VERBS = ["get", "head", "post", "put", "patch", "delete"];

/** Route files that are not part of the public API, and why. Anything else must be documented. */
const NOT_API: Record<string, string> = {
  "app/api/[[...path]]/route.ts": "catch-all: any unknown /api path answers 404",
  "app/api/auth/[...nextauth]/route.ts": "next-auth's dashboard sign-in, not called by integrations",
  "app/orgs/[slug]/products/[id]/versions/[version]/files/[filename]/route.ts": "the dashboard's upload, signed in with a session cookie",
  "app/orgs/[slug]/purchases/export.csv/route.ts": "the dashboard's CSV export, signed in with a session cookie",
  "app/orgs/[slug]/products/[id]/versions/[version]/uploads/route.ts":
    "the dashboard's direct (S3 multipart) uploads, signed in with a session cookie",
};

function routeFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(root, rel)).isDirectory()) return routeFiles(rel);
    return name === "route.ts" ? [rel] : [];
  });
}

/** app/api/keys/[id]/route.ts → /api/keys/{id} */
const templateOf = (file: string) =>
  file
    .replace(/^app/, "")
    .replace(/\/route\.ts$/, "")
    .replace(/\[(\w+)\]/g, "{$1}") || "/";

const operations = () =>
  Object.entries(doc.paths).flatMap(([p, item]) => VERBS.filter((v) => item[v]).map((v) => ({ path: p, verb: v, op: item[v] })));

describe("the OpenAPI document", () => {
  it("passes redocly lint with 0 errors (offline, no telemetry)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "openapi-"));
    const file = path.join(dir, "openapi.json");
    writeFileSync(file, JSON.stringify(doc));
    const cli = path.join(root, "node_modules/@redocly/cli/bin/cli.js");
    const env = { ...process.env, REDOCLY_TELEMETRY: "off", REDOCLY_SUPPRESS_UPDATE_NOTICE: "true", NO_COLOR: "1" };
    const { stdout } = await promisify(execFile)(process.execPath, [cli, "lint", file, "--format=json"], { env, cwd: dir }).catch(
      (err: { stdout: string; stderr: string }) => err,
    );
    const report = JSON.parse(stdout) as {
      totals: { errors: number };
      problems: { severity: string; message: string; location: { pointer: string }[] }[];
    };
    const errors = report.problems.filter((p) => p.severity === "error").map((p) => `${p.location[0]?.pointer}: ${p.message}`);
    expect(errors).toEqual([]);
    expect(report.totals.errors).toBe(0);
  }, 120_000);

  it("documents every method every route file exports", async () => {
    const files = [...routeFiles("app/api"), ...routeFiles("app/oauth"), ...routeFiles("app/download"), ...routeFiles("app/orgs")];
    const missing: string[] = [];
    for (const file of files) {
      if (NOT_API[file]) continue;
      const mod = (await import(/* @vite-ignore */ path.join(root, file))) as Json;
      const template = templateOf(file);
      for (const verb of VERBS) {
        const handler = mod[verb.toUpperCase()];
        if (typeof handler !== "function" || handler === methodNotAllowed) continue;
        if (!doc.paths[template]?.[verb])
          missing.push(
            `${verb.toUpperCase()} ${template} (${file}) has no contract: describe it in ${path.dirname(file)}/contract.ts ` +
              "with defineRoute() (lib/api/contract/define.ts) and list it in lib/api/contracts.ts",
          );
      }
    }
    expect(missing).toEqual([]);
  });

  it("documents nothing that no route file serves", async () => {
    const phantom: string[] = [];
    for (const { path: p, verb } of operations()) {
      const file = `app${p.replace(/\{(\w+)\}/g, "[$1]")}/route.ts`;
      const mod = (await import(/* @vite-ignore */ path.join(root, file)).catch(() => ({}))) as Json;
      const handler = mod[verb.toUpperCase()];
      if (typeof handler !== "function" || handler === methodNotAllowed) phantom.push(`${verb.toUpperCase()} ${p}`);
    }
    expect(phantom).toEqual([]);
  });

  it("documents, for each operation, the scope the table gives its route's permission", async () => {
    const wrong: string[] = [];
    for (const { path: p, verb, op } of operations()) {
      const file = `app${p.replace(/\{(\w+)\}/g, "[$1]")}/route.ts`;
      const mod = (await import(/* @vite-ignore */ path.join(root, file))) as Json;
      const requirement = (mod[verb.toUpperCase()] as { requirement?: RouteRequirement }).requirement;
      const documented = (op.security as Record<string, string[]>[]).find((s) => "oauth2" in s)?.oauth2;
      const name = `${verb.toUpperCase()} ${p}`;
      if (requirement && "permission" in requirement) {
        const scope = PERMISSION_TABLE[requirement.permission].scope;
        if (JSON.stringify(documented) !== JSON.stringify([scope]))
          wrong.push(`${name}: route needs ${requirement.permission} (scope ${scope}), document says ${JSON.stringify(documented)}`);
        if (!(op.description as string).includes(`\`${scope}\` scope`)) wrong.push(`${name}: description does not name the ${scope} scope`);
      } else if (documented) wrong.push(`${name}: the route asks no permission, the document a scope`);
    }
    expect(wrong).toEqual([]);
  });

  it("gives every operation an id, a tag, a summary, security, examples and its error answers", () => {
    const ids = new Set<string>();
    for (const { path: p, verb, op } of operations()) {
      const name = `${verb.toUpperCase()} ${p}`;
      expect(op.operationId, name).toMatch(/^[a-z][A-Za-z]+$/);
      expect(ids.has(op.operationId as string), `${name}: duplicate operationId`).toBe(false);
      ids.add(op.operationId as string);
      expect((op.tags as string[]).length, name).toBe(1);
      expect(op.summary, name).toBeTruthy();
      expect(Array.isArray(op.security), `${name}: security`).toBe(true);
      const body = op.requestBody?.content as Record<string, Json> | undefined;
      if (body && !Object.values(body).some((m) => m.schema && (m.schema as Json).format === "binary"))
        expect(Object.values(body)[0].example, `${name}: request example`).toBeDefined();
      const statuses = Object.keys(op.responses);
      for (const [status, r] of Object.entries(op.responses)) {
        for (const media of Object.values((r.content ?? {}) as Record<string, Json>)) {
          if ((media.schema as Json).format !== "binary") expect(media.example, `${name} ${status}: example`).toBeDefined();
        }
      }
      const secured = (op.security as Json[]).length > 0 && !(op.security as Json[]).some((s) => "clientBasic" in s);
      if (secured) for (const s of ["401", "403", "429"]) expect(statuses, `${name}: ${s}`).toContain(s);
      if (verb === "post" && op.parameters && JSON.stringify(op.parameters).includes("IdempotencyKey"))
        for (const s of ["409", "422"]) expect(statuses, `${name}: ${s}`).toContain(s);
    }
    expect(ids.size).toBeGreaterThan(30);
  });

  it("has examples that match their own schemas", () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ ...doc, $id: "openapi.json" });
    const bad: string[] = [];
    const esc = (s: string) => s.replace(/~/g, "~0").replace(/\//g, "~1");
    for (const { path: p, verb, op } of operations()) {
      const media: [string, Json][] = [];
      for (const [type, m] of Object.entries((op.requestBody?.content ?? {}) as Record<string, Json>))
        media.push([`#/paths/${esc(p)}/${verb}/requestBody/content/${esc(type)}`, m]);
      for (const [status, r] of Object.entries(op.responses))
        for (const [type, m] of Object.entries((r.content ?? {}) as Record<string, Json>))
          media.push([`#/paths/${esc(p)}/${verb}/responses/${status}/content/${esc(type)}`, m]);
      for (const [at, m] of media) {
        if (m.example === undefined || !type(at).includes("json")) continue;
        const validate = ajv.getSchema(`openapi.json${at}/schema`)!;
        if (!validate(m.example)) bad.push(`${verb.toUpperCase()} ${p} ${at}: ${ajv.errorsText(validate.errors)}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("documents every outbound webhook message, with headers and an example matching its schema", () => {
    const webhooks = doc.webhooks as Record<string, { post: Operation & { parameters: { name: string }[] } }>;
    expect(Object.keys(webhooks).sort()).toEqual([...WEBHOOK_EVENT_TYPES, TEST_EVENT_TYPE].sort());
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats.default(ajv);
    ajv.addSchema({ ...doc, $id: "openapi.json" });
    for (const [type, { post }] of Object.entries(webhooks)) {
      expect(post.parameters.map((p) => p.name).sort(), type).toEqual(["webhook-id", "webhook-signature", "webhook-timestamp"]);
      const media = (post.requestBody!.content as Record<string, Json>)["application/json"];
      expect((media.example as Json).type, type).toBe(type);
      const validate = ajv.getSchema(`openapi.json#/webhooks/${type}/post/requestBody/content/application~1json/schema`)!;
      expect(validate(media.example), `${type}: ${ajv.errorsText(validate.errors)}`).toBe(true);
    }
  });

  it("is what GET /api/openapi.json serves", async () => {
    const res = await call(serveDocument, "/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(res.body).toEqual(JSON.parse(JSON.stringify(doc)));
  });
});

const type = (pointer: string) => decodeURIComponent(pointer.split("/content/")[1] ?? "").replace(/~1/g, "/");
