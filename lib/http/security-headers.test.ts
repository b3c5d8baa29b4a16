import { afterEach, describe, expect, it, vi } from "vitest";
import { API_SECURITY_HEADERS, pageCsp, pageSecurityHeaders } from "./security-headers";

const nonce = "bm9uY2Utbm9uY2Utbm9uY2U=";

afterEach(() => vi.unstubAllEnvs());

describe("page security headers", () => {
  it("a CSP with a nonce for scripts and every directive the dashboard needs", () => {
    const csp = pageCsp({ nonce, appUrl: "http://localhost:3000" });
    const directives = new Map(csp.split("; ").map((d) => [d.split(" ")[0], d.slice(d.indexOf(" ") + 1)]));
    expect(directives.get("default-src")).toBe("'self'");
    expect(directives.get("script-src")).toBe(`'self' 'nonce-${nonce}' 'strict-dynamic'`);
    expect(directives.get("style-src")).toBe(`'self' 'nonce-${nonce}'`);
    expect(directives.get("style-src-attr")).toBe("'unsafe-inline'");
    expect(directives.get("object-src")).toBe("'none'");
    expect(directives.get("base-uri")).toBe("'self'");
    expect(directives.get("form-action")).toBe("'self'");
    expect(directives.get("frame-ancestors")).toBe("'none'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toContain("upgrade-insecure-requests");
  });

  it("connects to its own origin only, and with S3 storage also to the bucket's origin (direct uploads)", () => {
    const connect = () =>
      pageCsp({ nonce, appUrl: "http://localhost:3000" })
        .split("; ")
        .find((d) => d.startsWith("connect-src "));
    expect(connect()).toBe("connect-src 'self'");
    vi.stubEnv("S3_BUCKET", "files");
    vi.stubEnv("S3_ENDPOINT", "http://127.0.0.1:9000");
    expect(connect()).toBe("connect-src 'self' http://127.0.0.1:9000");
    vi.stubEnv("S3_ENDPOINT", "");
    vi.stubEnv("S3_REGION", "eu-west-3");
    expect(connect()).toBe("connect-src 'self' https://files.s3.eu-west-3.amazonaws.com");
  });

  it("allows eval and inline style elements only in development", () => {
    const dev = pageCsp({ nonce, appUrl: "http://localhost:3000", dev: true });
    expect(dev).toContain(`script-src 'self' 'nonce-${nonce}' 'strict-dynamic' 'unsafe-eval';`);
    expect(dev).toContain("style-src 'self' 'unsafe-inline';");
  });

  it("HSTS and upgrade-insecure-requests only when the app URL is https", () => {
    const http = pageSecurityHeaders("/orgs", { nonce, appUrl: "http://localhost:3000" });
    expect(http["Strict-Transport-Security"]).toBeUndefined();
    const https = pageSecurityHeaders("/orgs", { nonce, appUrl: "https://shop.example" });
    expect(https["Strict-Transport-Security"]).toBe("max-age=31536000");
    expect(https["Content-Security-Policy"]).toContain("upgrade-insecure-requests");
  });

  it("no Referer from pages whose URL holds a token or a buyer's purchases", () => {
    const policy = (path: string) => pageSecurityHeaders(path, { nonce, appUrl: "http://localhost:3000" })["Referrer-Policy"];
    for (const path of ["/download", "/download/file", "/my", "/my/", "/invite/abc"]) expect(policy(path), path).toBe("no-referrer");
    for (const path of ["/", "/orgs", "/orgs/acme/downloads", "/mystery", "/downloads", "/signin"])
      expect(policy(path), path).toBe("strict-origin-when-cross-origin");
  });

  it("nosniff, no framing and a Permissions-Policy on every page", () => {
    const h = pageSecurityHeaders("/orgs", { nonce, appUrl: "http://localhost:3000" });
    expect(h["X-Content-Type-Options"]).toBe("nosniff");
    expect(h["X-Frame-Options"]).toBe("DENY");
    expect(h["Permissions-Policy"]).toMatch(/^camera=\(\), microphone=\(\), geolocation=\(\)/);
  });

  it("the API gets nosniff and frame-ancestors only", () => {
    expect(API_SECURITY_HEADERS).toEqual({ "X-Content-Type-Options": "nosniff", "Content-Security-Policy": "frame-ancestors 'none'" });
  });
});
