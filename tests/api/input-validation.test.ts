import { randomUUID } from "node:crypto";
import { SignJWT } from "jose";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as listKeys, POST as createKey } from "@/app/api/keys/route";
import { POST as createClient } from "@/app/api/oauth-clients/route";
import { GET as getProduct } from "@/app/api/products/[id]/route";
import { GET as listPurchases, POST as createPurchase } from "@/app/api/purchases/route";
import { GET as listRequests } from "@/app/api/requests/route";
import { GET as whoami } from "@/app/api/whoami/route";
import { POST as token } from "@/app/oauth/token/route";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { changeKeyState } from "@/lib/keys/manage";
import { appUrl } from "@/lib/config/app";
import { accessTokenKey } from "@/lib/oauth/signing-key";
import { createOAuthClient } from "@/lib/oauth/clients";
import { updateOrganization } from "@/lib/orgs/organizations";
import { useRateLimiter } from "@/lib/ratelimit/limiter";
import { MemoryRateLimiter } from "@/lib/ratelimit/memory";
import { strictInt } from "@/lib/validation/numbers";
import { actorFor, createOrgWith, integrationKey, personalKey, unique } from "../fixtures";
import { call, expectProblem } from "./client";

beforeEach(() => useRateLimiter(new MemoryRateLimiter()));

async function setup() {
  const { org, owner } = await createOrgWith();
  const { token: secret } = await personalKey(org.id, owner);
  return { org, owner, token: secret };
}

const keysOf = (orgId: string) => db.apiKey.count({ where: { orgId, kind: "integration" } });

describe("dates: POST /api/keys expiresAt", () => {
  it("refuses a date past what can be stored, writes nothing, and the list keeps working", async () => {
    const { org, token: t } = await setup();
    for (const expiresAt of [
      "+275760-09-13T00:00:00.000Z",
      "-271821-04-20T00:00:00.000Z",
      "9999999-01-01",
      8.64e15,
      "1",
      "May 5",
      "2026-02-30",
      true,
    ]) {
      const res = await call(createKey, "/api/keys", { method: "POST", token: t, body: { name: "Far", expiresAt } });
      expect(expectProblem(res, 422, "VALIDATION_FAILED").errors.expiresAt, String(expiresAt)).toBeDefined();
    }
    expect(await keysOf(org.id)).toBe(0);
    expect((await call(listKeys, "/api/keys", { token: t })).status).toBe(200);
  });

  it("a key stored with such a date before the fix no longer breaks the list", async () => {
    const { org, owner, token: t } = await setup();
    const { key } = await integrationKey(org.id, owner);
    await db.$executeRaw`UPDATE "ApiKey" SET "expiresAt" = '275760-09-13 00:00:00' WHERE id = ${key.id}`;
    const listed = await call(listKeys, "/api/keys", { token: t });
    expect(listed.status).toBe(200);
    expect(listed.body.find((k: { id: string }) => k.id === key.id)).toMatchObject({ expiresAt: null, state: "active" });
  });

  it("expiry must lie in the future and at most ten years ahead", async () => {
    const { org, token: t } = await setup();
    const past = await call(createKey, "/api/keys", {
      method: "POST",
      token: t,
      body: { name: "Past", expiresAt: "2001-01-01T00:00:00Z" },
    });
    expect(expectProblem(past, 422, "VALIDATION_FAILED").errors.expiresAt).toEqual(["The expiry must be in the future."]);
    const far = await call(createKey, "/api/keys", {
      method: "POST",
      token: t,
      body: { name: "Far", expiresAt: `${new Date().getUTCFullYear() + 11}-01-01` },
    });
    expectProblem(far, 422, "VALIDATION_FAILED");
    const ok = await call(createKey, "/api/keys", {
      method: "POST",
      token: t,
      body: { name: "Ok", expiresAt: `${new Date().getUTCFullYear() + 2}-06-30T12:00:00+02:00` },
    });
    expect(ok.status).toBe(201);
    expect(ok.body.expiresAt).toBe(`${new Date().getUTCFullYear() + 2}-06-30T10:00:00.000Z`);
    expect(await keysOf(org.id)).toBe(1);
  });

  it("request-history filters take ISO dates only, within range", async () => {
    const { token: t } = await setup();
    expectProblem(await call(listRequests, "/api/requests?from=%2B275760-09-13T00:00:00.000Z", { token: t }), 422, "VALIDATION_FAILED");
    expectProblem(await call(listRequests, "/api/requests?to=12", { token: t }), 422, "VALIDATION_FAILED");
    expect((await call(listRequests, "/api/requests?from=2026-01-01&to=2026-01-02T00:00:00Z", { token: t })).status).toBe(200);
  });
});

describe("NUL bytes", () => {
  it("in any JSON string or key → 422 naming the field; nothing written", async () => {
    const { org, token: t } = await setup();
    const cases: [typeof createKey, string, unknown, string][] = [
      [createKey, "/api/keys", { name: "a\u0000b" }, "name"],
      [createKey, "/api/keys", { name: "ok", scopes: ["read\u0000"] }, "scopes.0"],
      [createKey, "/api/keys", { name: "ok", "x\u0000": 1 }, "x\u0000"],
      [createClient, "/api/oauth-clients", { name: "a\u0000b" }, "name"],
      [createPurchase, "/api/purchases", { email: "a@example.com", productId: "p-1", externalId: "o\u0000" }, "externalId"],
    ];
    for (const [handler, path, body, field] of cases) {
      const res = await call(handler, path, { method: "POST", token: t, body });
      expect(expectProblem(res, 422, "VALIDATION_FAILED").errors[field], `${path} ${field}`).toBeDefined();
    }
    expect(await keysOf(org.id)).toBe(0);
    expect(await db.oAuthClient.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("in a path parameter → 404, in a query parameter → 422", async () => {
    const { token: t } = await setup();
    expectProblem(await call(getProduct, "/api/products/a%00b", { token: t, params: { id: "a\u0000b" } }), 404, "NOT_FOUND");
    expectProblem(await call(listPurchases, "/api/purchases?email=a%00b", { token: t }), 422, "VALIDATION_FAILED");
    expectProblem(await call(listKeys, "/api/keys?cursor=%00", { token: t }), 422, "VALIDATION_FAILED");
  });

  it("in form fields: /oauth/token client_id → invalid_client; server-action inputs → form errors", async () => {
    const { org, owner } = await setup();
    const res = await token(
      new Request("http://localhost/oauth/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "203.0.113.99" },
        body: "grant_type=client_credentials&client_id=a%00b&client_secret=x",
      }),
    );
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ error: "invalid_client" });
    const rename = updateOrganization(actorFor(owner), org.id, { name: "Acme\u0000" });
    await expect(rename).rejects.toMatchObject({ code: "VALIDATION_FAILED", fields: { name: [expect.any(String)] } });
    await expect(changeKeyState(actorFor(owner), org.id, "k\u0000", "disable")).rejects.toBeInstanceOf(AppError);
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).name).toBe(org.name);
  });
});

describe("numbers from forms", () => {
  it("strictInt takes decimal digits only", () => {
    expect([strictInt("16"), strictInt(" 42 "), strictInt("-3"), strictInt(""), strictInt(null)]).toEqual([16, 42, -3, null, null]);
    for (const bad of ["0x10", "1e3", "1.5", "16abc", "Infinity", "0b1", "١٢"]) expect(strictInt(bad), bad).toBeNaN();
  });

  it("0x10 is no longer 16 for rate limit and retention", async () => {
    const { org, owner } = await setup();
    for (const input of [
      { rateLimitPerMinute: strictInt("0x10") },
      { requestRetentionDays: strictInt("0x10") },
      { requestRetentionDays: strictInt("") },
    ]) {
      await expect(updateOrganization(actorFor(owner), org.id, input)).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    }
    await updateOrganization(actorFor(owner), org.id, { rateLimitPerMinute: strictInt("120"), requestRetentionDays: strictInt("7") });
    expect(await db.organization.findUniqueOrThrow({ where: { id: org.id } })).toMatchObject({
      rateLimitPerMinute: 120,
      requestRetentionDays: 7,
    });
  });

  it("limit query parameters are strict too", async () => {
    const { token: t } = await setup();
    expectProblem(await call(listKeys, "/api/keys?limit=0x10", { token: t }), 422, "VALIDATION_FAILED");
    expect((await call(listKeys, "/api/keys?limit=10", { token: t })).status).toBe(200);
  });
});

describe("401s carry WWW-Authenticate (RFC 6750)", () => {
  it("realm only without a token, invalid_token with one", async () => {
    const none = await call(whoami, "/api/whoami");
    expectProblem(none, 401, "UNAUTHORIZED");
    expect(none.headers.get("www-authenticate")).toBe('Bearer realm="continuata"');
    const basic = await call(whoami, "/api/whoami", { authorization: "Basic Zm9vOmJhcg==" });
    expect(basic.headers.get("www-authenticate")).toBe('Bearer realm="continuata"');
    const wrong = await call(whoami, "/api/whoami", { token: "ct_000000000000000000000000000000000000xx" });
    expectProblem(wrong, 401, "UNAUTHORIZED");
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Bearer realm="continuata", error="invalid_token", error_description="[^"]+"$/);
    const jwt = await call(whoami, "/api/whoami", { token: "aaa.bbb.ccc" });
    expect(jwt.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });
});

describe("OAuth access tokens", () => {
  it("a correctly signed token without exp is refused", async () => {
    const { org, owner } = await setup();
    const { client } = await createOAuthClient(actorFor(owner), org.id, { name: unique("App") });
    const sign = (withExp: boolean) => {
      const jwt = new SignJWT({ org: org.id, scope: "read" })
        .setProtectedHeader({ alg: "HS256", typ: "at+jwt" })
        .setIssuer(appUrl())
        .setAudience(`${appUrl()}/api`)
        .setSubject(client.id)
        .setJti(randomUUID())
        .setIssuedAt();
      return (withExp ? jwt.setExpirationTime("1h") : jwt).sign(accessTokenKey());
    };
    expect((await call(whoami, "/api/whoami", { token: await sign(true) })).status).toBe(200);
    const res = await call(whoami, "/api/whoami", { token: await sign(false) });
    expectProblem(res, 401, "UNAUTHORIZED");
    expect(res.headers.get("www-authenticate")).toContain('error="invalid_token"');
  });
});
