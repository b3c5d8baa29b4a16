import { clientIp } from "@/lib/http/client-ip";
import { rateLimitHeaders, retryAfterSeconds } from "@/lib/ratelimit/headers";
import { countFailedTokenLookup, FAILED_TOKEN_LOOKUPS_PER_MINUTE, tokenLookupBlockedUntil } from "@/lib/ratelimit/download-tokens";
import { deadLinkPage, tooManyAttemptsPage } from "./page";
import { findLiveToken, whyNotLive, type DeadReason } from "./tokens";

export type LiveToken = NonNullable<Awaited<ReturnType<typeof findLiveToken>>>;

export const HTML_HEADERS = {
  "Content-Type": "text/html; charset=utf-8",
  "Cache-Control": "no-store",
  "X-Robots-Tag": "noindex",
  "Referrer-Policy": "no-referrer",
};

export function deadResponse(reason: DeadReason, head = false): Response {
  const { status, html } = deadLinkPage(reason);
  return new Response(head ? null : html, { status, headers: HTML_HEADERS });
}

function tooMany(reset: number, head: boolean): Response {
  const r = { success: false, limit: FAILED_TOKEN_LOOKUPS_PER_MINUTE, remaining: 0, reset };
  return new Response(head ? null : tooManyAttemptsPage(), {
    status: 429,
    headers: { ...HTML_HEADERS, "Retry-After": retryAfterSeconds(r), ...rateLimitHeaders(r) },
  });
}

/**
 * The live token a /download request carries, or the page that says why not.
 * Unknown tokens count against the client address (lib/ratelimit/download-tokens);
 * an address over the limit is refused before any lookup.
 */
export async function resolveToken(
  req: Request,
  head = false,
): Promise<{ live: LiveToken; token: string; ip: string | null } | { response: Response }> {
  const ip = clientIp(req.headers);
  const blockedUntil = tokenLookupBlockedUntil(ip);
  if (blockedUntil) return { response: tooMany(blockedUntil, head) };
  const token = new URL(req.url).searchParams.get("token") ?? "";
  const live = token ? await findLiveToken(token) : null;
  if (live) return { live, token, ip };
  const reason = token ? await whyNotLive(token) : "unknown";
  if (reason === "unknown") {
    const failures = await countFailedTokenLookup(ip);
    if (failures && !failures.success) return { response: tooMany(failures.reset, head) };
  }
  return { response: deadResponse(reason, head) };
}
