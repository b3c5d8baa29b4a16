import { describe, expect, it } from "vitest";
import { expandScopes, hasScope, scopeForMethod } from "./scopes";

describe("scopes", () => {
  it("expands admin ⇒ write ⇒ read", () => {
    expect(expandScopes(["admin"])).toEqual(["read", "write", "admin"]);
    expect(expandScopes(["write"])).toEqual(["read", "write"]);
    expect(expandScopes(["read", "read"])).toEqual(["read"]);
  });
  it("maps methods to the scope they need", () => {
    expect(scopeForMethod("GET")).toBe("read");
    for (const m of ["POST", "PUT", "PATCH", "DELETE"]) expect(scopeForMethod(m)).toBe("write");
  });
  it("checks membership of an expanded list", () => {
    expect(hasScope(["read"], "write")).toBe(false);
    expect(hasScope(["read", "write"], "write")).toBe(true);
  });
});
