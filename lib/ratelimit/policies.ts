import { AppError } from "@/lib/errors";
import { checkRateLimit } from "./limiter";
import { retryAfterSeconds } from "./headers";
import type { RateLimitResult } from "./types";

export const DEFAULT_PER_MINUTE = 60;
const MINUTE = 60_000;

/** API requests per key (by key id, never the secret). */
export const limitApiKey = (keyId: string, perMinute: number | null) =>
  checkRateLimit(`api:${keyId}`, perMinute ?? DEFAULT_PER_MINUTE, MINUTE);

export class RateLimitedError extends AppError {
  constructor(
    message: string,
    readonly result: RateLimitResult,
  ) {
    super("RATE_LIMITED", message);
  }
  get retryAfter() {
    return retryAfterSeconds(this.result);
  }
}

/** Throws RATE_LIMITED when over: for the unauthenticated surfaces. */
async function enforce(identifier: string, max: number, windowMs: number, message: string) {
  const result = await checkRateLimit(identifier, max, windowMs);
  if (!result.success) throw new RateLimitedError(message, result);
}

const QUARTER_HOUR = 15 * MINUTE;

/** Sign-in links per IP every 15 minutes: SIGN_IN_LINKS_PER_IP, for an office behind one address (or a browser test suite). */
export function signInLinksPerIp(env: Record<string, string | undefined> = process.env): number {
  const n = Number(env.SIGN_IN_LINKS_PER_IP);
  return Number.isInteger(n) && n > 0 ? n : 30;
}

/** Sign-in links: 5 per address and SIGN_IN_LINKS_PER_IP (30) per IP every 15 minutes. */
export async function limitSignInRequest(email: string, ip: string | null) {
  const message = "Too many sign-in links were requested. Wait a few minutes and try again.";
  await enforce(`signin:email:${email}`, 5, QUARTER_HOUR, message);
  if (ip) await enforce(`signin:ip:${ip}`, signInLinksPerIp(), QUARTER_HOUR, message);
}

/** Invitations: 30 an hour per inviting user. */
export const limitInvites = (userId: string) =>
  enforce(`invite:${userId}`, 30, 60 * MINUTE, "You have sent many invitations in the last hour. Try again later.");

/**
 * Failed bearer attempts per IP: 30 a minute. Counted only on failure, so
 * working keys never pay for it; once over, the IP is refused (429) before
 * any lookup until the window resets.
 */
const blockedIps = new Map<string, number>();
export const FAILED_AUTH_PER_MINUTE = 30;

export function ipBlockedUntil(ip: string | null, now = Date.now()): number | null {
  if (!ip) return null;
  const until = blockedIps.get(ip);
  if (until === undefined) return null;
  if (until <= now) {
    blockedIps.delete(ip);
    return null;
  }
  return until;
}

export async function countFailedAuth(ip: string | null): Promise<RateLimitResult | null> {
  if (!ip) return null;
  const result = await checkRateLimit(`authfail:${ip}`, FAILED_AUTH_PER_MINUTE, MINUTE);
  if (!result.success) {
    if (blockedIps.size > 100_000) blockedIps.clear();
    blockedIps.set(ip, result.reset);
  }
  return result;
}

/**
 * Failed client authentication at POST /oauth/token: 10 a minute per (client id,
 * address) and 30 per address. Never per client id alone: anyone who knows a
 * client_id could then lock the client out for everyone. Only failures count,
 * and once over, that pair or address is refused before any lookup until its
 * window ends; the right secret from any other address still works.
 */
const blockedOAuth = new Map<string, number>();
export const FAILED_CLIENT_AUTH_PER_MINUTE = { perClientAndAddress: 10, perAddress: 30 };

/** The counters a failure at the token endpoint adds to; none without a known address. */
function oauthKeys(clientId: string | null, ip: string | null): [string, number][] {
  if (!ip) return [];
  const keys: [string, number][] = [[`ip:${ip}`, FAILED_CLIENT_AUTH_PER_MINUTE.perAddress]];
  // Client ids are whatever the caller sent: capped so a key stays small.
  if (clientId) keys.push([`pair:${ip}:${clientId.slice(0, 128)}`, FAILED_CLIENT_AUTH_PER_MINUTE.perClientAndAddress]);
  return keys;
}

export function oauthBlockedUntil(clientId: string | null, ip: string | null, now = Date.now()): number | null {
  for (const [id] of oauthKeys(clientId, ip)) {
    const until = blockedOAuth.get(id);
    if (until && until > now) return until;
    if (until) blockedOAuth.delete(id);
  }
  return null;
}

export async function countFailedClientAuth(clientId: string | null, ip: string | null): Promise<RateLimitResult | null> {
  let refused: RateLimitResult | null = null;
  for (const [id, max] of oauthKeys(clientId, ip)) {
    const result = await checkRateLimit(`oauthfail:${id}`, max, MINUTE);
    if (!result.success) {
      if (blockedOAuth.size > 100_000) blockedOAuth.clear();
      blockedOAuth.set(id, result.reset);
      refused ??= result;
    }
  }
  return refused;
}
