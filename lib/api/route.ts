import { verifyBearer } from "@/lib/auth/bearer";
import type { Permission } from "@/lib/auth/permissions";
import { touchCredential } from "@/lib/auth/last-used";
import { clientIp } from "@/lib/http/client-ip";
import { countFailedAuth, limitApiKey } from "@/lib/ratelimit/policies";
import type { RateLimitResult } from "@/lib/ratelimit/types";
import { captureText } from "@/lib/request-log/capture";
import { recordRequest, type LogSubject, type PendingSubject } from "@/lib/request-log/record";
import { subjectWithoutDatabase } from "@/lib/request-log/subject";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { settleUnreadBody } from "./unread-body";
import { closeWhenShuttingDown } from "./shutdown";
import { idempotent, wantsIdempotency } from "./idempotency";
import { newRequestId, problemFromError } from "./errors";
import { attribute, failedAuthError, keyRateLimited, refuseBlockedAddress, subjectOf } from "./route/authenticate";
import { authorize } from "./route/authorize";
import { captureRequestBody, captureResponseBody, type Captured } from "./route/capture";
import { refuseNul } from "./route/refuse-nul";
import { stampResponse } from "./route/response-headers";
import type { ApiHandler, AuthedContext, RouteContext, RouteOptions, Segment } from "./route/types";

export { json } from "./route/json";
export type { ApiAuth, ApiHandler, AuthedContext, RouteContext, RouteOptions, RouteRequirement } from "./route/types";

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
 * The steps live in ./route/; their awaits stay here, so each request waits on no more than it needs.
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
    let requestBody: Captured = null;
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
      } else if ("permission" in options) {
        refuseBlockedAddress(ip);
        const authorization = req.headers.get("authorization");
        let verified;
        try {
          verified = await verifyBearer(authorization);
        } catch (err) {
          // Database down: still record the request, for the key's organisation, once it is back.
          if (isDatabaseUnavailable(err)) {
            subject = await subjectWithoutDatabase(authorization);
          }
          throw err;
        }
        subject = subjectOf(verified);
        if ("error" in verified) {
          challenge = verified.challenge;
          throw failedAuthError(await countFailedAuth(ip), verified.error);
        }
        const { credential } = verified;
        touchCredential(credential, ip);
        limit = await limitApiKey(credential.id, credential.rateLimitPerMinute);
        if (!limit.success) throw keyRateLimited(credential, limit);
        ctx.auth = authorize(credential, ip, options.permission);
      }
      refuseNul(params, url);
      res = ctx.auth && wantsIdempotency(req) ? await idempotent(ctx, handler) : await handler(ctx);
    } catch (err) {
      res = problemFromError(err, base);
    }
    await settleUnreadBody(req, res);
    // After the handler and the drain: the log keeps what they read, never a second copy of the stream.
    if (subject && !requestBody) requestBody = captureRequestBody(req);
    closeWhenShuttingDown(res);
    stampResponse(res, requestId, challenge, limit);
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
