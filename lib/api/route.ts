import { AppError, invalid } from "@/lib/errors";
import { hasNul, NUL_MESSAGE } from "@/lib/validation/text";
import { can, scopeFor, type Permission } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import { verifyBearer } from "@/lib/auth/bearer";
import { touchCredential } from "@/lib/auth/last-used";
import type { VerifiedCredential } from "@/lib/auth/credential";
import { clientIp } from "@/lib/http/client-ip";
import type { Role } from "@/lib/generated/prisma/enums";
import { rateLimitHeaders } from "@/lib/ratelimit/headers";
import { countFailedAuth, FAILED_AUTH_PER_MINUTE, ipBlockedUntil, limitApiKey, RateLimitedError } from "@/lib/ratelimit/policies";
import type { RateLimitResult } from "@/lib/ratelimit/types";
import { binarySummary, captureBody, captureText, shouldClone, type CapturedBody } from "@/lib/request-log/capture";
import { recordRequest, type LogSubject, type PendingSubject } from "@/lib/request-log/record";
import { subjectWithoutDatabase } from "@/lib/request-log/subject";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { settleUnreadBody } from "./unread-body";
import { closeWhenShuttingDown } from "./shutdown";
import { idempotent, wantsIdempotency } from "./idempotency";
import { newRequestId, problemFromError, type ProblemContext } from "./errors";

export interface RouteContext<P> extends ProblemContext {
  req: Request;
  url: URL;
  params: P;
  ip: string | null;
  /**
   * For routes without a credential that authenticate the request themselves (a signed
   * webhook): records it in `subject`'s request history, with the body the handler read.
   */
  logAs: (subject: LogSubject, bodyText: string) => void;
}

export interface ApiAuth {
  credential: {
    type: "api_key" | "oauth_client";
    id: string;
    name: string;
    kind: "personal" | "integration" | "oauth_client";
    scopes: string[];
  };
  org: { id: string; slug: string; name: string };
  user: { id: string; email: string | null };
  role: Role;
  /** For audit entries written by this request. */
  actor: Actor;
}

export interface AuthedContext<P> extends RouteContext<P> {
  auth: ApiAuth;
}

/**
 * What a route needs, declared once: a permission of lib/auth/permissions.ts, from which the
 * scope a credential needs and the roles that may use it both follow; or no credential at all.
 * `auth: "optional"` (405s, unknown paths): a credential, when sent, is verified only to
 * record the request in its organisation's history; the answer does not depend on it.
 */
export type RouteOptions = { auth: false | "optional" } | { permission: Permission };

/** What a handler made by `apiRoute` requires, readable by tests (the role × scope matrix). */
export type RouteRequirement = { auth: false | "optional" } | { permission: Permission };
export type ApiHandler<P> = ((req: Request, segment?: Segment<P>) => Promise<Response>) & { requirement: RouteRequirement };

type Segment<P> = { params?: Promise<P> };

export function apiRoute<P = Record<string, never>>(
  options: { auth: false | "optional" },
  handler: (ctx: RouteContext<P>) => Promise<Response>,
): ApiHandler<P>;
export function apiRoute<P = Record<string, never>>(
  options: { permission: Permission },
  handler: (ctx: AuthedContext<P>) => Promise<Response>,
): ApiHandler<P>;
/**
 * Every route under app/api goes through here, so none can forget a check:
 * 1. request id on every response;
 * 2. bearer verification (format, hash lookup, revoked / expired / disabled,
 *    organisation active, the user's role now); repeated failures from one IP → 429;
 * 3. the key's rate limit, with RateLimit-* headers on every authenticated response;
 * 4. the route's permission: the role may use it, the credential holds its scope;
 * 5. a POST with an Idempotency-Key answered once per key (lib/api/idempotency.ts);
 * 6. every throw turned into the documented error shape;
 * 7. the request recorded in its organisation's history, after the response is sent.
 */
export function apiRoute<P>(options: RouteOptions, handler: (ctx: AuthedContext<P>) => Promise<Response>): ApiHandler<P> {
  const route = async (req: Request, segment?: Segment<P>): Promise<Response> => {
    const started = performance.now();
    const receivedAt = new Date();
    const requestId = newRequestId();
    const url = new URL(req.url);
    const ip = clientIp(req.headers);
    const base = { requestId, instance: url.pathname };
    let subject: LogSubject | PendingSubject | null = null;
    // Lets the log writer cut off a body capture that cannot finish (see CAPTURE_GRACE_MS).
    const captures = new AbortController();
    let requestBody: Promise<CapturedBody> | CapturedBody | null = null;
    let limit: RateLimitResult | null = null;
    let challenge: string | undefined;
    let res: Response;
    try {
      const params = ((await segment?.params) ?? {}) as P;
      const logAs = (s: LogSubject, bodyText: string) => {
        subject = s;
        requestBody = captureText(bodyText, req.headers.get("content-type"));
      };
      const ctx = { ...base, req, url, params, ip, logAs } as AuthedContext<P>;
      if ("auth" in options && options.auth === "optional") {
        subject = await attribute(req.headers.get("authorization"));
        if (subject) requestBody = captureRequestBody(req, captures.signal);
      } else if ("permission" in options) {
        const blockedUntil = ipBlockedUntil(ip);
        if (blockedUntil)
          throw new RateLimitedError("Too many failed authentication attempts from your address. Wait and try again.", {
            success: false,
            limit: FAILED_AUTH_PER_MINUTE,
            remaining: 0,
            reset: blockedUntil,
          });
        const verified = await verifyBearer(req.headers.get("authorization")).catch(async (err: unknown) => {
          // Database down: still record the request, for the key's organisation, once it is back.
          if (isDatabaseUnavailable(err)) {
            subject = await subjectWithoutDatabase(req.headers.get("authorization"));
            if (subject) requestBody = captureRequestBody(req, captures.signal);
          }
          throw err;
        });
        if ("error" in verified) {
          challenge = verified.challenge;
          if (verified.orgId) {
            subject = { orgId: verified.orgId, keyId: verified.credentialId };
            requestBody = captureRequestBody(req, captures.signal);
          }
          const failures = await countFailedAuth(ip);
          if (failures && !failures.success)
            throw new RateLimitedError("Too many failed authentication attempts from your address. Wait and try again.", failures);
          throw verified.error;
        }
        const { credential } = verified;
        subject = { orgId: credential.orgId, keyId: credential.id, keyName: credential.name, userId: credential.userId };
        requestBody = captureRequestBody(req, captures.signal);
        touchCredential(credential, ip);
        limit = await limitApiKey(credential.id, credential.rateLimitPerMinute);
        if (!limit.success)
          throw new RateLimitedError(
            `Rate limit exceeded: this ${credential.type === "api_key" ? "key" : "client"} may make ${limit.limit} requests per minute.`,
            limit,
          );
        ctx.auth = authorize(credential, ip, options.permission);
      }
      refuseNul(params, url);
      res = ctx.auth && wantsIdempotency(req) ? await idempotent(ctx, handler) : await handler(ctx);
    } catch (err) {
      res = problemFromError(err, base);
    }
    await settleUnreadBody(req, res);
    closeWhenShuttingDown(res);
    res.headers.set("X-Request-Id", requestId);
    if (res.status === 401 && challenge) res.headers.set("WWW-Authenticate", challenge);
    if (limit) for (const [name, value] of Object.entries(rateLimitHeaders(limit))) res.headers.set(name, value);
    if (subject) {
      recordRequest({
        subject,
        receivedAt,
        requestId,
        req,
        url,
        ip,
        status: res.status,
        durationMs: performance.now() - started,
        requestBody,
        responseBody: captureResponseBody(res, captures.signal),
        captures,
      });
    }
    return res;
  };
  return Object.assign(route, { requirement: options });
}

/** Whose history a request that needs no credential belongs to, if one came with it. */
async function attribute(header: string | null): Promise<LogSubject | null> {
  if (!header) return null;
  const verified = await verifyBearer(header);
  if ("error" in verified) return verified.orgId ? { orgId: verified.orgId, keyId: verified.credentialId } : null;
  const { credential } = verified;
  return { orgId: credential.orgId, keyId: credential.id, keyName: credential.name, userId: credential.userId };
}

/**
 * PostgreSQL text cannot hold NUL: such a path parameter names nothing (404), such a
 * query parameter is refused (422) before any handler can put it in a query.
 */
function refuseNul(params: unknown, url: URL) {
  for (const value of Object.values(params ?? {})) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === "string" && hasNul(v))) throw new AppError("NOT_FOUND", "Nothing is at this path.");
  }
  for (const [name, value] of url.searchParams) {
    if (hasNul(name) || hasNul(value)) throw invalid(hasNul(name) ? "_" : name, NUL_MESSAGE);
  }
}

/** Tees a textual request body for the log before the handler reads it; binary bodies are only summarised. */
function captureRequestBody(req: Request, signal: AbortSignal): Promise<CapturedBody> | CapturedBody | null {
  if (!req.body) return null;
  const type = req.headers.get("content-type");
  const length = req.headers.get("content-length");
  if (!shouldClone(type, length)) return binarySummary(type, length);
  return captureBody(req.clone().body, type, length, signal);
}

function captureResponseBody(res: Response, signal: AbortSignal): Promise<CapturedBody> | CapturedBody | null {
  const text = serialized.get(res);
  if (text !== undefined) return captureText(text, res.headers.get("content-type"));
  if (!res.body) return null;
  const type = res.headers.get("content-type");
  const length = res.headers.get("content-length");
  if (!shouldClone(type, length)) return binarySummary(type, length);
  return captureBody(res.clone().body, type, length, signal);
}

function authorize(key: VerifiedCredential, ip: string | null, permission: Permission): ApiAuth {
  // Role first: a member's key holds no `admin` scope (lib/auth/permissions.ts usableScopes), and
  // "your role cannot" says more than "your key lacks admin".
  if (!can(key.role, permission)) {
    throw new AppError(
      "FORBIDDEN",
      `The key's user is ${key.role === "admin" ? "an admin" : `a ${key.role}`} of this organisation; that role cannot do this.`,
    );
  }
  const scope = scopeFor(permission);
  if (!key.scopes.includes(scope)) {
    throw new AppError(
      "INSUFFICIENT_SCOPE",
      `This ${key.type === "api_key" ? "key" : "access token"} lacks the "${scope}" scope needed here (it has: ${key.scopes.join(", ") || "none"}).`,
    );
  }
  return {
    credential: { type: key.type, id: key.id, name: key.name, kind: key.kind, scopes: key.scopes },
    org: { id: key.orgId, slug: key.orgSlug, name: key.orgName },
    user: { id: key.userId, email: key.userEmail },
    role: key.role,
    actor: { userId: key.userId, via: "api", ip },
  };
}

/** Bodies this module serialised itself: the log reads them here instead of cloning the stream. */
const serialized = new WeakMap<Response, string>();

export function json(body: unknown, init?: ResponseInit): Response {
  const headers = new Headers(init?.headers);
  headers.set("Content-Type", "application/json");
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  const text = JSON.stringify(body);
  const res = new Response(text, { ...init, headers });
  serialized.set(res, text);
  return res;
}
