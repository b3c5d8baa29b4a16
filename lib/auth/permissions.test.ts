import { describe, expect, it } from "vitest";
import { can, PERMISSIONS } from "./permissions";

describe("can", () => {
  it("gives members catalogue work and their own key, nothing of the organisation's settings", () => {
    expect(can("member", "catalog.write")).toBe(true);
    expect(can("member", "key.personal")).toBe(true);
    for (const p of ["org.settings", "members.read", "members.manage", "keys.manage", "audit.read", "requests.all", "org.owner"] as const) {
      expect(can("member", p)).toBe(false);
    }
  });
  it("gives admins everything but the owner's powers", () => {
    for (const p of PERMISSIONS) expect(can("admin", p)).toBe(p !== "org.owner");
  });
  it("gives owners everything", () => {
    for (const p of PERMISSIONS) expect(can("owner", p)).toBe(true);
  });
  it("gives nobody anything without a role", () => {
    expect(can(null, "catalog.read")).toBe(false);
    expect(can(undefined, "catalog.read")).toBe(false);
  });
});
