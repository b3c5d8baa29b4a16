import { describe, expect, it } from "vitest";
import { safeCallbackUrl } from "./safe-redirect";

describe("safeCallbackUrl", () => {
  it("keeps same-origin paths with their query", () => {
    expect(safeCallbackUrl("/invite/abc?x=1", "/orgs")).toBe("/invite/abc?x=1");
  });
  it("refuses other origins and protocol-relative URLs", () => {
    expect(safeCallbackUrl("https://evil.example/phish", "/orgs")).toBe("/orgs");
    expect(safeCallbackUrl("//evil.example/phish", "/orgs")).toBe("/orgs");
  });
  it("falls back when empty", () => {
    expect(safeCallbackUrl(undefined, "/orgs")).toBe("/orgs");
  });
});
