import { rateLimitHeaders } from "@/lib/ratelimit/headers";
import type { RateLimitResult } from "@/lib/ratelimit/types";

/** What every answer carries: its request id, the bearer challenge on a 401, the key's rate limit once it was counted. */
export function stampResponse(res: Response, requestId: string, challenge: string | undefined, limit: RateLimitResult | null): void {
  res.headers.set("X-Request-Id", requestId);
  if (res.status === 401 && challenge) res.headers.set("WWW-Authenticate", challenge);
  if (limit) for (const [name, value] of Object.entries(rateLimitHeaders(limit))) res.headers.set(name, value);
}
