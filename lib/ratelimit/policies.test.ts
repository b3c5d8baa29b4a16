import { beforeEach, describe, expect, it, vi } from "vitest";
import { useRateLimiter } from "./limiter";
import { MemoryRateLimiter } from "./memory";
import { limitSignInRequest, signInLinksPerIp } from "./policies";

beforeEach(() => useRateLimiter(new MemoryRateLimiter()));

describe("sign-in links per IP", () => {
  it("is 30 every 15 minutes unless SIGN_IN_LINKS_PER_IP says otherwise; nonsense keeps the default", () => {
    expect(signInLinksPerIp({})).toBe(30);
    expect(signInLinksPerIp({ SIGN_IN_LINKS_PER_IP: "200" })).toBe(200);
    for (const bad of ["0", "-5", "lots", "2.5", ""]) expect(signInLinksPerIp({ SIGN_IN_LINKS_PER_IP: bad })).toBe(30);
  });

  it("refuses the link past the limit from one address, whatever the email", async () => {
    vi.stubEnv("SIGN_IN_LINKS_PER_IP", "3");
    try {
      for (let i = 0; i < 3; i++) await limitSignInRequest(`person${i}@example.com`, "203.0.113.7");
      await expect(limitSignInRequest("another@example.com", "203.0.113.7")).rejects.toMatchObject({ code: "RATE_LIMITED" });
      await limitSignInRequest("another@example.com", "203.0.113.8");
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
