import { describe, expect, it } from "vitest";
import { graceEnd, keyState } from "./state";

const now = new Date("2026-01-01T00:00:00Z");
const base = { revokedAt: null, disabledAt: null, expiresAt: null, supersededAt: null };
const at = (iso: string) => new Date(iso);

describe("keyState", () => {
  it("puts revoked before expired before disabled before rolling", () => {
    expect(keyState(base, now)).toBe("active");
    expect(keyState({ ...base, supersededAt: now, expiresAt: at("2026-01-02T00:00:00Z") }, now)).toBe("rolling");
    expect(keyState({ ...base, disabledAt: now }, now)).toBe("disabled");
    expect(keyState({ ...base, disabledAt: now, expiresAt: now }, now)).toBe("expired");
    expect(keyState({ ...base, revokedAt: now, expiresAt: at("2025-01-01T00:00:00Z") }, now)).toBe("revoked");
  });
});

describe("graceEnd", () => {
  it("adds the grace period, never past the key's own expiry", () => {
    expect(graceEnd(null, "1h", now)).toEqual(at("2026-01-01T01:00:00Z"));
    expect(graceEnd(at("2026-01-01T00:30:00Z"), "24h", now)).toEqual(at("2026-01-01T00:30:00Z"));
    expect(graceEnd(null, "0", now)).toEqual(now);
  });
});
