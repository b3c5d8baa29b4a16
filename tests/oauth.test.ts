import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as token } from "@/app/oauth/token/route";
import { GET as whoami } from "@/app/api/whoami/route";
import { GET as listKeysRoute, POST as createKeyRoute } from "@/app/api/keys/route";
import { GET as getKeyRoute } from "@/app/api/keys/[id]/route";
import { POST as createClientRoute } from "@/app/api/oauth-clients/route";
import { POST as disableClientRoute } from "@/app/api/oauth-clients/[id]/disable/route";
import { DELETE as deleteClientRoute } from "@/app/api/oauth-clients/[id]/route";
import { POST as rotateRoute } from "@/app/api/oauth-clients/[id]/rotate/route";
import { db } from "@/lib/db/client";
import { createOAuthClient } from "@/lib/oauth/clients";
import { removeMember } from "@/lib/orgs/members";
import { flushRequestLog } from "@/lib/request-log/record";
import { useRateLimiter } from "@/lib/ratelimit/limiter";
import { MemoryRateLimiter } from "@/lib/ratelimit/memory";
import { actorFor, createOrgWith, integrationKey, personalKey, unique } from "./fixtures";
import { call, expectProblem } from "./api/client";

beforeEach(() => useRateLimiter(new MemoryRateLimiter()));
afterEach(() => vi.useRealTimers());

let ipCounter = 0;
// Limits may live in a Redis shared with other runs: each test's addresses are its own.
const randomIp = () => `198.18.${Math.floor(Math.random() * 256)}.${Math.floor(Math.random() * 256)}`;
async function tokenRequest(
  params: Record<string, string>,
  opts: { basic?: [string, string]; contentType?: string; raw?: string; ip?: string } = {},
) {
  const headers: Record<string, string> = {
    "content-type": opts.contentType ?? "application/x-www-form-urlencoded",
    "x-forwarded-for": opts.ip ?? `203.0.113.${++ipCounter % 250}`,
  };
  if (opts.basic)
    headers.authorization = `Basic ${Buffer.from(`${encodeURIComponent(opts.basic[0])}:${encodeURIComponent(opts.basic[1])}`).toString("base64")}`;
  const res = await token(
    new Request("http://localhost/oauth/token", { method: "POST", headers, body: opts.raw ?? new URLSearchParams(params).toString() }),
  );
  return { status: res.status, headers: res.headers, body: await res.json() };
}

async function setup(scopes?: string[]) {
  const { org, owner, others } = await createOrgWith(["admin", "member"]);
  const { client, clientSecret } = await createOAuthClient(actorFor(owner), org.id, {
    name: unique("Machine"),
    ...(scopes ? { scopes } : {}),
  });
  return { org, owner, admin: others[0], member: others[1], client, clientSecret };
}

const grant = (client: { clientId: string }, secret: string, extra: Record<string, string> = {}) =>
  tokenRequest({ grant_type: "client_credentials", client_id: client.clientId, client_secret: secret, ...extra });

describe("POST /oauth/token — success", () => {
  it("issues a bearer JWT for client_id/client_secret in the body, usable on the API as the client", async () => {
    const { org, owner, client, clientSecret } = await setup();
    const res = await grant(client, clientSecret);
    expect(res.status).toBe(200);
    expect(res.headers.get("cache-control")).toBe("no-store");
    expect(res.body).toEqual({
      access_token: expect.stringMatching(/^eyJ/),
      token_type: "bearer",
      expires_in: 3600,
      scope: "read write admin",
    });
    const who = await call(whoami, "/api/whoami", { token: res.body.access_token });
    expect(who.status).toBe(200);
    expect(who.body.data).toMatchObject({
      type: "whoami",
      organization_id: org.id,
      api_key_name: client.name,
      credential_type: "oauth_client",
      user_id: owner.id,
      role: "owner",
      scopes: ["read", "write", "admin"],
    });
    expect((await call(listKeysRoute, "/api/keys", { token: res.body.access_token })).status).toBe(200);
  });

  it("accepts HTTP Basic client authentication, and narrows scopes on request", async () => {
    const { client, clientSecret } = await setup();
    const res = await tokenRequest({ grant_type: "client_credentials", scope: "write" }, { basic: [client.clientId, clientSecret] });
    expect(res.status).toBe(200);
    expect(res.body.scope).toBe("read write");
    const denied = await call(listKeysRoute, "/api/keys", { token: res.body.access_token });
    expect(expectProblem(denied, 403, "INSUFFICIENT_SCOPE").detail).toMatch(/access token lacks the "admin" scope/);
  });
});

describe("POST /oauth/token — RFC 6749 §5.2 errors", () => {
  it("invalid_request: wrong content type, missing grant_type, both auth methods, repeated parameters", async () => {
    const { client, clientSecret } = await setup();
    expect(
      (await tokenRequest({}, { contentType: "application/json", raw: JSON.stringify({ grant_type: "client_credentials" }) })).body.error,
    ).toBe("invalid_request");
    expect(await tokenRequest({ client_id: client.clientId, client_secret: clientSecret })).toMatchObject({
      status: 400,
      body: { error: "invalid_request" },
    });
    expect(
      await tokenRequest({ grant_type: "client_credentials", client_secret: clientSecret }, { basic: [client.clientId, clientSecret] }),
    ).toMatchObject({ status: 400, body: { error: "invalid_request" } });
    expect(
      await tokenRequest(
        {},
        { raw: `grant_type=client_credentials&grant_type=client_credentials&client_id=${client.clientId}&client_secret=${clientSecret}` },
      ),
    ).toMatchObject({ status: 400, body: { error: "invalid_request" } });
  });

  it("unsupported_grant_type", async () => {
    const { client, clientSecret } = await setup();
    const res = await grant(client, clientSecret, { grant_type: "password" });
    expect(res).toMatchObject({
      status: 400,
      body: { error: "unsupported_grant_type", error_description: expect.stringContaining("password") },
    });
  });

  it("invalid_client: 401, with WWW-Authenticate only when Basic was used", async () => {
    const { client } = await setup();
    const body = await grant(client, "cts_wrong");
    expect(body).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(body.headers.get("www-authenticate")).toBeNull();
    const basic = await tokenRequest({ grant_type: "client_credentials" }, { basic: [client.clientId, "cts_wrong"] });
    expect(basic.status).toBe(401);
    expect(basic.headers.get("www-authenticate")).toMatch(/^Basic realm=/);
    expect(await tokenRequest({ grant_type: "client_credentials" })).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect(await grant({ clientId: "ctc_unknown" }, "cts_x")).toMatchObject({ status: 401, body: { error: "invalid_client" } });
  });

  it("unauthorized_client: the acting user left the organisation", async () => {
    const { org, owner, admin } = await setup();
    const { client, clientSecret } = await createOAuthClient(actorFor(admin), org.id, { name: "Admin's app" });
    await removeMember(actorFor(owner), org.id, admin.id);
    expect(await grant(client, clientSecret)).toMatchObject({ status: 400, body: { error: "unauthorized_client" } });
  });

  it("invalid_scope: unknown scopes and scopes beyond the client's", async () => {
    const { client, clientSecret } = await setup(["read"]);
    expect(await grant(client, clientSecret, { scope: "root" })).toMatchObject({ status: 400, body: { error: "invalid_scope" } });
    expect(await grant(client, clientSecret, { scope: "read write" })).toMatchObject({ status: 400, body: { error: "invalid_scope" } });
    expect(await grant(client, clientSecret, { scope: "read" })).toMatchObject({ status: 200, body: { scope: "read" } });
  });

  it("rate-limits failed client authentication per (client id, address), never locking the client out elsewhere", async () => {
    const { client, clientSecret } = await setup();
    const attacker = randomIp();
    const statuses = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        (await tokenRequest({ grant_type: "client_credentials", client_id: client.clientId, client_secret: "cts_guess" }, { ip: attacker }))
          .status,
      );
    expect(statuses.slice(0, 10).every((s) => s === 401)).toBe(true);
    expect(statuses[10]).toBe(429);
    // The attacker's address is refused even with the right secret...
    const blocked = await tokenRequest(
      { grant_type: "client_credentials", client_id: client.clientId, client_secret: clientSecret },
      { ip: attacker },
    );
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("retry-after"))).toBeGreaterThan(0);
    // ...while the client itself, from its own address, is not.
    expect(
      (
        await tokenRequest(
          { grant_type: "client_credentials", client_id: client.clientId, client_secret: clientSecret },
          { ip: randomIp() },
        )
      ).status,
    ).toBe(200);
  });

  it("rate-limits failed client authentication per address across client ids", async () => {
    const { client, clientSecret } = await setup();
    const scanner = randomIp();
    const statuses = [];
    for (let i = 0; i < 31; i++)
      statuses.push(
        (
          await tokenRequest(
            { grant_type: "client_credentials", client_id: `oc_guess${i}${Math.random()}`, client_secret: "cts_guess" },
            { ip: scanner },
          )
        ).status,
      );
    expect(statuses.slice(0, 30).every((s) => s === 401)).toBe(true);
    expect(statuses[30]).toBe(429);
    expect(
      (await tokenRequest({ grant_type: "client_credentials", client_id: client.clientId, client_secret: clientSecret }, { ip: scanner }))
        .status,
    ).toBe(429);
    expect(
      (
        await tokenRequest(
          { grant_type: "client_credentials", client_id: client.clientId, client_secret: clientSecret },
          { ip: randomIp() },
        )
      ).status,
    ).toBe(200);
  });
});

describe("access tokens on the API", () => {
  it("expire after an hour (clock moved, not slept)", async () => {
    const { client, clientSecret } = await setup();
    vi.useFakeTimers({ toFake: ["Date"] });
    const { body } = await grant(client, clientSecret);
    expect((await call(whoami, "/api/whoami", { token: body.access_token })).status).toBe(200);
    vi.setSystemTime(Date.now() + 3601_000);
    expect(expectProblem(await call(whoami, "/api/whoami", { token: body.access_token }), 401, "UNAUTHORIZED").detail).toMatch(/expired/);
  });

  it("a disabled client's live token gets 403; a deleted client's gets 401", async () => {
    const { org, owner, client, clientSecret } = await setup();
    const { token: adminKey } = await personalKey(org.id, owner);
    const { body } = await grant(client, clientSecret);
    await call(disableClientRoute, "/x", { method: "POST", token: adminKey, params: { id: client.id } });
    expect(expectProblem(await call(whoami, "/api/whoami", { token: body.access_token }), 403, "FORBIDDEN").detail).toMatch(/disabled/);
    expect(await grant(client, clientSecret)).toMatchObject({ status: 401, body: { error: "invalid_client" } });
    expect((await call(deleteClientRoute, "/x", { method: "DELETE", token: adminKey, params: { id: client.id } })).status).toBe(204);
    expectProblem(await call(whoami, "/api/whoami", { token: body.access_token }), 401, "UNAUTHORIZED");
  });

  it("rejects forged and tampered tokens", async () => {
    const { client, clientSecret } = await setup();
    const { body } = await grant(client, clientSecret);
    const [h, p, s] = body.access_token.split(".");
    const claims = JSON.parse(Buffer.from(p, "base64url").toString());
    const forged = `${h}.${Buffer.from(JSON.stringify({ ...claims, scope: "read write admin", org: "other" })).toString("base64url")}.${s}`;
    expectProblem(await call(whoami, "/api/whoami", { token: forged }), 401, "UNAUTHORIZED");
    const none = `${Buffer.from(JSON.stringify({ alg: "none", typ: "at+jwt" })).toString("base64url")}.${p}.`;
    expectProblem(await call(whoami, "/api/whoami", { token: `${none}x` }), 401, "UNAUTHORIZED");
  });

  it("stays inside its organisation", async () => {
    const { client, clientSecret } = await setup();
    const other = await createOrgWith();
    const { key } = await integrationKey(other.org.id, other.owner);
    const { body } = await grant(client, clientSecret);
    expectProblem(await call(getKeyRoute, `/api/keys/${key.id}`, { token: body.access_token, params: { id: key.id } }), 404, "NOT_FOUND");
  });

  it("rotation: the old secret works through the grace period only", async () => {
    const { org, owner, client, clientSecret } = await setup();
    const { token: adminKey } = await personalKey(org.id, owner);
    const rotated = await call(rotateRoute, "/x", {
      method: "POST",
      token: adminKey,
      params: { id: client.id },
      body: { gracePeriod: "1h" },
    });
    expect(rotated.status).toBe(201);
    expect((await grant(client, rotated.body.clientSecret)).status).toBe(200);
    expect((await grant(client, clientSecret)).status).toBe(200);
    const again = await call(rotateRoute, "/x", { method: "POST", token: adminKey, params: { id: client.id } });
    expect((await grant(client, rotated.body.clientSecret)).status).toBe(401);
    expect((await grant(client, again.body.clientSecret)).status).toBe(200);
  });
});

describe("management API and request history", () => {
  it("creates a client over the API, shows the secret once, audits it, and masks secrets in history", async () => {
    const { org, owner } = await createOrgWith();
    const { token: adminKey } = await personalKey(org.id, owner);
    const created = await call(createClientRoute, "/api/oauth-clients", {
      method: "POST",
      token: adminKey,
      body: { name: "Warehouse sync", scopes: ["read"] },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Warehouse sync",
      clientId: expect.stringMatching(/^ctc_/),
      clientSecret: expect.stringMatching(/^cts_/),
      scopes: ["read"],
      actsAs: { id: owner.id },
    });
    const { clientId, clientSecret, id } = created.body;
    const issued = await tokenRequest({ grant_type: "client_credentials", client_id: clientId, client_secret: clientSecret });
    await call(whoami, "/api/whoami", { token: issued.body.access_token });
    await flushRequestLog();
    const rows = await db.requestLog.findMany({ where: { orgId: org.id, keyId: id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.path, r.status])).toEqual([
      ["/oauth/token", 200],
      ["/api/whoami", 200],
    ]);
    const stored = JSON.stringify(rows);
    expect(stored).not.toContain(clientSecret.slice(4, 20));
    expect(stored).not.toContain(issued.body.access_token.split(".")[2]);
    expect(rows[0].requestBody).toContain("client_secret=%5Bmasked%5D");
    expect(JSON.parse(rows[0].responseBody!).access_token).toBe("[masked]");
    expect(await db.auditEvent.count({ where: { orgId: org.id, action: "oauth_client.created" } })).toBe(1);
    expectProblem(
      await call(createKeyRoute, "/api/keys", { method: "POST", token: issued.body.access_token, body: { name: "x" } }),
      403,
      "INSUFFICIENT_SCOPE",
    );
  });
});
