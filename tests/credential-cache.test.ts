import pg from "pg";
import { beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as whoami } from "@/app/api/whoami/route";
import { GET as listKeys } from "@/app/api/keys/route";
import { POST as token } from "@/app/oauth/token/route";
import { db } from "@/lib/db/client";
import { credentialCache } from "@/lib/auth/credential-cache";
import { verifyApiKey } from "@/lib/keys/verify";
import { createOAuthClient } from "@/lib/oauth/clients";
import { useRateLimiter } from "@/lib/ratelimit/limiter";
import { MemoryRateLimiter } from "@/lib/ratelimit/memory";
import { actorFor, createOrgWith, integrationKey, personalKey, unique } from "./fixtures";
import { call, expectProblem } from "./api/client";

// Every change below is made with plain SQL, past the app's own functions:
// the database triggers, not the code paths we remembered, keep answers fresh.
const embedded = !process.env.DATABASE_URL;

beforeEach(() => useRateLimiter(new MemoryRateLimiter()));
beforeAll(async () => {
  credentialCache();
  await vi.waitFor(() => expect(credentialCache().isLive).toBe(true));
});

async function cachedKey(roles: Parameters<typeof createOrgWith>[0] = []) {
  const made = await createOrgWith(roles);
  const { token: key, key: row } = await integrationKey(made.org.id, made.owner);
  expect((await call(whoami, "/api/whoami", { token: key })).status).toBe(200);
  return { ...made, key, row };
}

describe("credential lookups kept between requests", () => {
  it("are kept while the change feed listens", async () => {
    await cachedKey();
    expect(credentialCache().isLive).toBe(true);
    expect(credentialCache().size > 0).toBe(true);
  });

  it("a key disabled, enabled or revoked in the database answers accordingly on the next request", async () => {
    const { key, row } = await cachedKey();
    await db.$executeRaw`UPDATE "ApiKey" SET "disabledAt" = now() WHERE id = ${row.id}`;
    expectProblem(await call(whoami, "/api/whoami", { token: key }), 403, "FORBIDDEN");
    await db.$executeRaw`UPDATE "ApiKey" SET "disabledAt" = NULL WHERE id = ${row.id}`;
    expect((await call(whoami, "/api/whoami", { token: key })).status).toBe(200);
    await db.$executeRaw`UPDATE "ApiKey" SET "revokedAt" = now() WHERE id = ${row.id}`;
    expectProblem(await call(whoami, "/api/whoami", { token: key }), 401, "UNAUTHORIZED");
  });

  it("a deleted key, a removed member, an inactive organisation", async () => {
    const a = await cachedKey();
    await db.$executeRaw`DELETE FROM "ApiKey" WHERE id = ${a.row.id}`;
    expectProblem(await call(whoami, "/api/whoami", { token: a.key }), 401, "UNAUTHORIZED");

    const b = await createOrgWith(["member"]);
    const memberKey = (await personalKey(b.org.id, b.others[0])).token;
    expect((await call(whoami, "/api/whoami", { token: memberKey })).status).toBe(200);
    await db.$executeRaw`DELETE FROM "Membership" WHERE "orgId" = ${b.org.id} AND "userId" = ${b.others[0].id}`;
    expect(expectProblem(await call(whoami, "/api/whoami", { token: memberKey }), 401, "UNAUTHORIZED").detail).toMatch(
      /no longer a member/,
    );

    const c = await cachedKey();
    await db.$executeRaw`UPDATE "Organization" SET active = false WHERE id = ${c.org.id}`;
    expectProblem(await call(whoami, "/api/whoami", { token: c.key }), 403, "FORBIDDEN");
  });

  it("a demoted user's key loses admin rights, and a new email shows at once", async () => {
    const {
      org,
      others: [admin],
    } = await createOrgWith(["admin"]);
    const { token: key } = await personalKey(org.id, admin);
    expect((await call(listKeys, "/api/keys", { token: key })).status).toBe(200);
    await db.$executeRaw`UPDATE "Membership" SET role = 'member' WHERE "orgId" = ${org.id} AND "userId" = ${admin.id}`;
    expectProblem(await call(listKeys, "/api/keys", { token: key }), 403, "FORBIDDEN");
    const email = `${unique("renamed")}@example.com`;
    await db.$executeRaw`UPDATE "User" SET email = ${email} WHERE id = ${admin.id}`;
    expect((await call(whoami, "/api/whoami", { token: key })).body.data.user_email).toBe(email);
  });

  it("expiry is read from the clock, not from what was kept", async () => {
    const { key, row } = await cachedKey();
    await db.$executeRaw`UPDATE "ApiKey" SET "expiresAt" = now() + interval '1 hour' WHERE id = ${row.id}`;
    expect((await verifyApiKey(key)).ok).toBe(true);
    expect(await verifyApiKey(key, new Date(Date.now() + 2 * 3600_000))).toMatchObject({ ok: false, reason: "EXPIRED" });
  });

  it("an OAuth client disabled in the database stops its live token", async () => {
    const { org, owner } = await createOrgWith();
    const { client, clientSecret } = await createOAuthClient(actorFor(owner), org.id, { name: unique("Machine") });
    const grant = await token(
      new Request("http://localhost/oauth/token", {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ grant_type: "client_credentials", client_id: client.clientId, client_secret: clientSecret }).toString(),
      }),
    );
    const { access_token } = await grant.json();
    expect((await call(whoami, "/api/whoami", { token: access_token })).status).toBe(200);
    await db.$executeRaw`UPDATE "OAuthClient" SET "disabledAt" = now() WHERE id = ${client.id}`;
    expectProblem(await call(whoami, "/api/whoami", { token: access_token }), 403, "FORBIDDEN");
  });

  // Other test files share the PostgreSQL database and their writes empty the cache at any time.
  it.runIf(embedded)("the once-a-minute last-used stamp does not empty the cache", async () => {
    const { row } = await cachedKey();
    const size = credentialCache().size;
    await db.$executeRaw`UPDATE "ApiKey" SET "lastUsedAt" = now(), "lastUsedIp" = '203.0.113.1' WHERE id = ${row.id}`;
    expect(credentialCache().size).toBe(size);
    await db.$executeRaw`UPDATE "ApiKey" SET name = 'renamed' WHERE id = ${row.id}`;
    expect(credentialCache().size).toBe(0);
  });

  it.runIf(!embedded)("another process's change reaches this one over LISTEN within a second", async () => {
    const { key, row } = await cachedKey();
    // A connection of its own, as another instance would have: none of this process's statements.
    const other = new pg.Client({ connectionString: process.env.DATABASE_URL!.replace(/[?&]schema=[^&]*/, "") });
    await other.connect();
    try {
      const schema = new URL(process.env.DATABASE_URL!).searchParams.get("schema") ?? "public";
      await other.query(`UPDATE "${schema}"."ApiKey" SET "disabledAt" = now() WHERE id = $1`, [row.id]);
      const started = Date.now();
      await vi.waitFor(async () => expectProblem(await call(whoami, "/api/whoami", { token: key }), 403, "FORBIDDEN"), {
        timeout: 1000,
        interval: 5,
      });
      expect(Date.now() - started).toBeLessThan(1000);
    } finally {
      await other.end();
    }
  });
});
