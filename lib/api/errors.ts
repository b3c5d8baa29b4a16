import { randomUUID } from "node:crypto";
import { AppError, type ErrorCode } from "@/lib/errors";
import { fieldErrors } from "@/lib/validation/parse";
import { z } from "zod";
import { RateLimitedError } from "@/lib/ratelimit/policies";
import { rateLimitHeaders } from "@/lib/ratelimit/headers";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "@/lib/db/unavailable";
import { noteDatabaseDown } from "@/lib/db/outage";

type ProblemCode = ErrorCode | "INTERNAL";

const STATUS: Record<ProblemCode, number> = {
  BAD_REQUEST: 400,
  UNAUTHORIZED: 401,
  FORBIDDEN: 403,
  INSUFFICIENT_SCOPE: 403,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  REQUEST_TIMEOUT: 408,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  VALIDATION_FAILED: 422,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

const TITLE: Record<ProblemCode, string> = {
  BAD_REQUEST: "Bad Request",
  UNAUTHORIZED: "Unauthorized",
  FORBIDDEN: "Forbidden",
  INSUFFICIENT_SCOPE: "Insufficient Scope",
  NOT_FOUND: "Not Found",
  METHOD_NOT_ALLOWED: "Method Not Allowed",
  REQUEST_TIMEOUT: "Request Timeout",
  CONFLICT: "Conflict",
  PAYLOAD_TOO_LARGE: "Payload Too Large",
  VALIDATION_FAILED: "Validation Failed",
  RATE_LIMITED: "Too Many Requests",
  INTERNAL: "Internal Server Error",
  UNAVAILABLE: "Service Unavailable",
};

export interface ProblemContext {
  requestId: string;
  /** The request path, for `instance`. */
  instance: string;
}

/**
 * RFC 9457 problem details, plus the `error` string older clients read and,
 * for validation, `message` + per-field `errors` (the shape every seed doc uses).
 */
export function problem(
  code: ProblemCode,
  detail: string,
  ctx: ProblemContext,
  extra?: { errors?: Record<string, string[]>; headers?: HeadersInit },
): Response {
  const status = STATUS[code];
  const body: Record<string, unknown> = {
    type: `urn:continuata:error:${code.toLowerCase().replace(/_/g, "-")}`,
    title: TITLE[code],
    status,
    detail,
    code,
    instance: ctx.instance,
    request_id: ctx.requestId,
    error: detail,
  };
  if (code === "VALIDATION_FAILED") {
    body.message = detail;
    body.errors = extra?.errors ?? {};
  }
  const headers = new Headers(extra?.headers);
  headers.set("Content-Type", "application/problem+json");
  headers.set("X-Request-Id", ctx.requestId);
  headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(body), { status, headers });
}

/** Any throw → the documented shape. Unknown errors are logged with the request id and never leak. */
export function problemFromError(err: unknown, ctx: ProblemContext): Response {
  if (err instanceof RateLimitedError) {
    return problem(err.code, err.message, ctx, { headers: { "Retry-After": err.retryAfter, ...rateLimitHeaders(err.result) } });
  }
  if (isDatabaseUnavailable(err)) {
    // One log line per outage (lib/db/outage.ts), not a stack trace per request.
    noteDatabaseDown("request", err);
    return problem("UNAVAILABLE", "The database is not answering. Try again in a few seconds.", ctx, {
      headers: { "Retry-After": String(RETRY_AFTER_SECONDS) },
    });
  }
  if (err instanceof AppError) return problem(err.code, err.message, ctx, { errors: err.fields });
  if (err instanceof z.ZodError) {
    const errors = fieldErrors(err);
    return problem("VALIDATION_FAILED", "The given data was invalid.", ctx, { errors });
  }
  console.error(`[api] ${ctx.requestId} ${ctx.instance}:`, err);
  return problem("INTERNAL", "Something went wrong on our side. Quote the request id when reporting it.", ctx);
}

export const newRequestId = () => randomUUID();
