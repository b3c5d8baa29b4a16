import { beforeEach, describe, expect, it } from "vitest";
import { refuseSignInIfLimited } from "@/lib/auth/sign-in-limit";
import { db } from "@/lib/db/client";
import { inviteMember } from "@/lib/orgs/invites";
import { useRateLimiter } from "@/lib/ratelimit/limiter";
import { MemoryRateLimiter } from "@/lib/ratelimit/memory";
import { actorFor, createOrgWith, unique } from "./fixtures";

beforeEach(() => useRateLimiter(new MemoryRateLimiter()));

function signInRequest(email: string, ip: string) {
  const body = new URLSearchParams({ email, csrfToken: "x", callbackUrl: "/orgs", json: "true" });
  return new Request("http://localhost:3000/api/auth/signin/email", {
    method: "POST",
    body,
    headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": ip },
  });
}

describe("sign-in link requests", () => {
  it("are refused after 5 for one address in 15 minutes, with Retry-After, before next-auth sends anything", async () => {
    const email = `${unique("flood")}@example.com`;
    for (let i = 0; i < 5; i++) expect(await refuseSignInIfLimited(signInRequest(email, `192.0.2.${i}`))).toBeNull();
    const limited = (await refuseSignInIfLimited(signInRequest(email, "192.0.2.50")))!;
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(new URL((await limited.json()).url).searchParams.get("error")).toBe("RateLimited");
    expect(await refuseSignInIfLimited(signInRequest(`${unique("calm")}@example.com`, "192.0.2.51"))).toBeNull();
  });
  it("count per connecting address: a rotating X-Forwarded-For in front of it changes nothing", async () => {
    // What the app sees behind no proxy: the client's claim, then the peer the server appended.
    const peer = `192.0.2.${100 + Math.floor(Math.random() * 100)}`;
    const statuses = [];
    for (let i = 0; i < 31; i++)
      statuses.push(
        (await refuseSignInIfLimited(signInRequest(`${unique("rot")}@example.com`, `10.9.${i}.1, ${peer}`)))?.status ?? "passed",
      );
    expect(statuses.slice(0, 30).every((s) => s === "passed")).toBe(true);
    expect(statuses[30]).toBe(429);
  });
});

describe("invitations", () => {
  it("are limited to 30 an hour per inviting user", async () => {
    const { org, owner } = await createOrgWith();
    for (let i = 0; i < 30; i++) await inviteMember(actorFor(owner), org.id, { email: `${unique("inv")}@example.com`, role: "member" });
    await expect(inviteMember(actorFor(owner), org.id, { email: `${unique("inv")}@example.com`, role: "member" })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
    expect(await db.invite.count({ where: { orgId: org.id } })).toBe(30);
  });
});
