export type KeyState = "active" | "disabled" | "revoked" | "expired" | "rolling";

interface KeyDates {
  revokedAt: Date | null;
  disabledAt: Date | null;
  expiresAt: Date | null;
  supersededAt: Date | null;
}

/** What a key is now. "rolling": replaced, still working until its grace period ends. */
export function keyState(key: KeyDates, now = new Date()): KeyState {
  if (key.revokedAt) return "revoked";
  if (key.expiresAt && key.expiresAt <= now) return "expired";
  if (key.disabledAt) return "disabled";
  if (key.supersededAt) return "rolling";
  return "active";
}

export const GRACE_PERIODS = { "0": 0, "1h": 3_600_000, "24h": 86_400_000, "7d": 604_800_000 } as const;
export type GracePeriod = keyof typeof GRACE_PERIODS;
export const graceLabel: Record<GracePeriod, string> = {
  "0": "Immediately",
  "1h": "After 1 hour",
  "24h": "After 24 hours",
  "7d": "After 7 days",
};

/** When a replaced key stops working: never later than its own expiry. */
export function graceEnd(expiresAt: Date | null, grace: GracePeriod, now = new Date()): Date {
  const end = new Date(now.getTime() + GRACE_PERIODS[grace]);
  return expiresAt && expiresAt < end ? expiresAt : end;
}
