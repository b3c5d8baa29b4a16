import { describe, expect, it } from "vitest";
import { safeRedirectPath } from "./safe-redirect";

const ORIGIN = "http://app.test:3000";
const FALLBACK = "/orgs";
const safe = (value: unknown) => safeRedirectPath(value, FALLBACK, ORIGIN);

/** Payloads that must never leave the app's origin (each either falls back or stays a plain path here). */
const HOSTILE = [
  "//evil.example",
  "//evil.example/phish",
  "///evil.example",
  "////evil.example",
  "/\\evil.example",
  "\\\\evil.example",
  "\\/evil.example",
  "/.//evil.example/phish",
  "/%2e//evil.example",
  "/%2E//evil.example",
  "/./%2e//evil.example",
  "/a/..//evil.example",
  "/%2F/evil.example",
  "/%2f%2fevil.example",
  "%2F%2Fevil.example",
  "https://evil.example",
  "http://evil.example/",
  "http://app.test.evil/",
  "http://app.test:3000.evil.example/",
  "http://app.test:3000@evil.example/",
  "https://app.test:3000/",
  "http://app.test:3001/",
  "HTTP://EVIL.EXAMPLE",
  "/\t/evil.example",
  "/\n/evil.example",
  "\t//evil.example",
  " //evil.example",
  "/\r\n/evil.example",
  "\u0000//evil.example",
  "javascript:alert(1)",
  "JaVaScRiPt:alert(1)",
  "java\tscript:alert(1)",
  "data:text/html,<script>alert(1)</script>",
  "vbscript:msgbox(1)",
  "/\uFF0F/evil.example",
  "\uFF0F\uFF0Fevil.example",
  "/\u2215/evil.example",
  "https:evil.example",
  "http:/evil.example",
  "http:\\\\evil.example",
  "//evil.example@app.test:3000",
  "/%5C/evil.example",
  "/%09/evil.example",
];

/** The only shapes an output may have: one slash, then not a slash or backslash. */
function assertInert(out: string) {
  expect(out.startsWith("/")).toBe(true);
  expect(out).not.toMatch(/^\/[\\/]/);
  expect(out).not.toMatch(/[\t\n\r]/);
  // What a browser does with it: resolve against the page, stay on the origin.
  expect(new URL(out, ORIGIN).origin).toBe(ORIGIN);
}

describe("safeRedirectPath", () => {
  it.each(HOSTILE)("keeps %j on the app's origin", (payload) => {
    const out = safe(payload);
    assertInert(out);
  });

  it("falls back for every cross-origin or protocol-relative payload", () => {
    const leaving = ["//evil.example/phish", "/.//evil.example/phish", "/%2e//evil.example", "/\\evil.example", "\\\\evil.example"];
    leaving.push("https://evil.example", "http://app.test.evil/", "/\t/evil.example", "javascript:alert(1)");
    for (const payload of leaving) expect(safe(payload), payload).toBe(FALLBACK);
    // Without a leading slash it is a relative path segment on our origin: harmless.
    expect(safe("%2F%2Fevil.example")).toBe("/%2F%2Fevil.example");
  });

  it("keeps same-origin paths with their query and fragment", () => {
    expect(safe("/invite/abc?x=1#top")).toBe("/invite/abc?x=1#top");
    expect(safe("/my")).toBe("/my");
    expect(safe("http://app.test:3000/orgs/acme?tab=keys")).toBe("/orgs/acme?tab=keys");
    expect(safe("/%2F/evil.example")).toBe("/%2F/evil.example");
  });

  it("falls back when empty or not a string", () => {
    for (const v of [undefined, null, "", 42, ["/my"], "x".repeat(5000)]) expect(safe(v)).toBe(FALLBACK);
  });

  it("uses the app's origin from the configuration by default", () => {
    const before = process.env.NEXTAUTH_URL;
    process.env.NEXTAUTH_URL = "https://shop.example";
    try {
      expect(safeRedirectPath("https://shop.example/my", FALLBACK)).toBe("/my");
      expect(safeRedirectPath("https://evil.example/my", FALLBACK)).toBe(FALLBACK);
    } finally {
      if (before === undefined) delete process.env.NEXTAUTH_URL;
      else process.env.NEXTAUTH_URL = before;
    }
  });
});
