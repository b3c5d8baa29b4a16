/**
 * Seconds to wait after each failed attempt: first retry within 10 s, then growing
 * roughly exponentially; the last attempt runs about 24 h after the first (11 in all).
 */
export const RETRY_DELAYS_S = [5, 30, 120, 600, 1_800, 3_600, 7_200, 14_400, 28_800, 28_800] as const;
export const MAX_ATTEMPTS = RETRY_DELAYS_S.length + 1;

/**
 * When to try again after `attempts` failed attempts, or null when they are used up.
 * Up to 10 % jitter keeps endpoints that failed together from being retried in lockstep.
 */
export function nextAttemptAt(attempts: number, now: Date, jitter = Math.random()): Date | null {
  if (attempts >= MAX_ATTEMPTS) return null;
  const delay = RETRY_DELAYS_S[attempts - 1] * 1000;
  return new Date(now.getTime() + delay + Math.floor(delay * 0.1 * jitter));
}
