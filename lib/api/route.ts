import { AppError } from "@/lib/errors";
import { can, type Permission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import { verifyBearer } from "@/lib/auth/bearer";
import { hasScope, scopeForMethod, type Scope } from "@/lib/keys/scopes";
import { touchKey } from "@/lib/keys/last-used";
import { clientIp } from "@/lib/http/client-ip";
import type { Role } from "@/lib/generated/prisma/enums";
import { newRequestId, problemFromError, type ProblemContext } from "./errors";

export interface RouteContext<P> extends ProblemContext {
  req: Request;
  url: URL;
  params: P;
  ip: string | null;
}

export interface ApiAuth {
  credential: { type: "api_key"; id: string; name: string; kind: "personal" | "integration"; scopes: string[] };
  org: { id: string; slug: string; name: string };
  user: { id: string; email: string | null };
  role: Role;
  /** For audit entries written by this request. */
  actor: Actor;
}

export interface AuthedContext<P> extends RouteContext<P> {
  auth: ApiAuth;
}

/** What a route needs, as data. Scope defaults to the method's (GET → read, else write). */
export type RouteOptions = { auth: false } | { auth?: true; scope?: Scope; permission?: Permission };

type Segment<P> = { params?: Promise<P> };

export function apiRoute<P = Record<string, never>>(options: { auth: false }, handler: (ctx: RouteContext<P>) => Promise<Response>): (req: Request, segment?: Segment<P>) => Promise<Response>;
export function apiRoute<P = Record<string, never>>(options: { auth?: true; scope?: Scope; permission?: Permission }, handler: (ctx: AuthedContext<P>) => Promise<Response>): (req: Request, segment?: Segment<P>) => Promise<Response>;
/**
 * Every route under app/api goes through here, so none can forget a check:
 * request id on every response; bearer verification (format, hash lookup,
 * revoked / expired / disabled, organisation active, the user's role now);
 * scope and role checks from the route's options; every throw turned into
 * the documented error shape.
 */
export function apiRoute<P>(options: RouteOptions, handler: (ctx: AuthedContext<P>) => Promise<Response>) {
  return async (req: Request, segment?: Segment<P>): Promise<Response> => {
    const requestId = newRequestId();
    const url = new URL(req.url);
    const base = { requestId, instance: url.pathname };
    try {
      const params = ((await segment?.params) ?? {}) as P;
      const ctx = { ...base, req, url, params, ip: clientIp(req.headers) } as AuthedContext<P>;
      if (options.auth !== false) ctx.auth = await authenticate(req, ctx.ip, options);
      const res = await handler(ctx);
      res.headers.set("X-Request-Id", requestId);
      return res;
    } catch (err) {
      return problemFromError(err, base);
    }
  };
}

async function authenticate(req: Request, ip: string | null, options: { scope?: Scope; permission?: Permission }): Promise<ApiAuth> {
  const result = await verifyBearer(req.headers.get("authorization"));
  if ("error" in result) throw result.error;
  const { key } = result;
  touchKey(key.id, ip);
  const scope = options.scope ?? scopeForMethod(req.method);
  if (!hasScope(key.scopes, scope)) {
    throw new AppError("INSUFFICIENT_SCOPE", `This key lacks the "${scope}" scope needed here (it has: ${key.scopes.join(", ") || "none"}).`);
  }
  if (options.permission && !can(key.role, options.permission)) {
    throw new AppError("FORBIDDEN", `The key's user is ${key.role === "admin" ? "an admin" : `a ${key.role}`} of this organisation; that role cannot do this.`);
  }
  return {
    credential: { type: "api_key", id: key.id, name: key.name, kind: key.kind, scopes: key.scopes },
    org: { id: key.orgId, slug: key.orgSlug, name: key.orgName },
    user: { id: key.userId, email: key.userEmail },
    role: key.role,
    actor: { userId: key.userId, via: "api", ip },
  };
}

export function json(body: unknown, init?: ResponseInit): Response {
  const headers = new Headers(init?.headers);
  headers.set("Content-Type", "application/json");
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(body), { ...init, headers });
}
