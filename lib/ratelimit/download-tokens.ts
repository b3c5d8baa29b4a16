import { checkRateLimit } from "./limiter";
import type { RateLimitResult } from "./types";

/**
 * Unknown download tokens per client address: 30 a minute, like failed bearer
 * attempts. Only unknown tokens count, so buyers with working links never pay
 * for it; once over, the address is refused (429) before any lookup until the
 * window resets. Guessing a 38-character random token is hopeless anyway: this
 * keeps the lookups from being a free load generator.
 */
export const FAILED_TOKEN_LOOKUPS_PER_MINUTE = 30;
const blocked = new Map<string, number>();

export function tokenLookupBlockedUntil(ip: string | null, now = Date.now()): number | null {
  if (!ip) return null;
  const until = blocked.get(ip);
  if (until === undefined) return null;
  if (until > now) return until;
  blocked.delete(ip);
  return null;
}

export async function countFailedTokenLookup(ip: string | null): Promise<RateLimitResult | null> {
  if (!ip) return null;
  const result = await checkRateLimit(`dltokenfail:${ip}`, FAILED_TOKEN_LOOKUPS_PER_MINUTE, 60_000);
  if (!result.success) {
    if (blocked.size > 100_000) blocked.clear();
    blocked.set(ip, result.reset);
  }
  return result;
}
