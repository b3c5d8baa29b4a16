import { describe, expect, it } from "vitest";
import { normalizeEmail } from "./email";

describe("normalizeEmail", () => {
  it("trims and lower-cases valid addresses", () => {
    expect(normalizeEmail("  Ana@Example.COM ")).toBe("ana@example.com");
  });
  it("rejects what is not an address", () => {
    for (const bad of ["", "ana", "ana@", "@example.com", "a b@example.com", "ana@example.com,eve@evil.com", 42, null]) {
      expect(normalizeEmail(bad)).toBeNull();
    }
  });
  it("rejects addresses over 254 characters", () => {
    expect(normalizeEmail(`${"a".repeat(64)}@${"b".repeat(186)}.com`)).toBeNull();
  });
});
