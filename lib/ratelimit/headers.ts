import type { RateLimitResult } from "./types";

/** IETF RateLimit header fields: Reset in seconds from now, never a timestamp. */
export function rateLimitHeaders(r: RateLimitResult, now = Date.now()): Record<string, string> {
  return {
    "RateLimit-Limit": String(r.limit),
    "RateLimit-Remaining": String(r.remaining),
    "RateLimit-Reset": String(Math.max(0, Math.ceil((r.reset - now) / 1000))),
  };
}

/** Seconds until a blocked client may retry (at least 1). */
export const retryAfterSeconds = (r: RateLimitResult, now = Date.now()) => String(Math.max(1, Math.ceil((r.reset - now) / 1000)));
