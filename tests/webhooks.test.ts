import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Webhook } from "standardwebhooks";
import { GET as listRoute, POST as createRoute } from "@/app/api/webhooks/route";
import { GET as getRoute, PATCH as patchRoute, DELETE as deleteRoute } from "@/app/api/webhooks/[id]/route";
import { POST as rotateRoute } from "@/app/api/webhooks/[id]/rotate/route";
import { POST as testRoute } from "@/app/api/webhooks/[id]/test/route";
import { GET as deliveriesRoute } from "@/app/api/webhooks/[id]/deliveries/route";
import { POST as resendRoute } from "@/app/api/webhooks/[id]/deliveries/[deliveryId]/resend/route";
import { POST as purchasesPost } from "@/app/api/purchases/route";
import { DELETE as purchaseDelete } from "@/app/api/purchases/[id]/route";
import { db } from "@/lib/db/client";
import { useRateLimiter } from "@/lib/ratelimit/limiter";
import { MemoryRateLimiter } from "@/lib/ratelimit/memory";
import { changeKeyState } from "@/lib/keys/manage";
import { emitWebhookEvent } from "@/lib/webhooks/events";
import { deliverDue, startWebhookWorker } from "@/lib/webhooks/worker";
import { MAX_ATTEMPTS, RETRY_DELAYS_S } from "@/lib/webhooks/retry-schedule";
import { postOnce } from "@/lib/webhooks/http-attempt";
import { guardedLookup, isPublicAddress } from "@/lib/webhooks/target-guard";
import { openSecret } from "@/lib/webhooks/secret-box";
import { actorFor, createOrgWith, integrationKey, personalKey, unique } from "./fixtures";
import { call, expectProblem } from "./api/client";
import { assertMatchesWebhookMessage } from "./api/contract";
import { startReceiver, type Received } from "./support/webhook-receiver";
import { activate, draftWith, mint } from "./support/products";

// Generous: these files run real HTTP round trips and a worker on a machine other suites share.
vi.setConfig({ testTimeout: 90_000 });
beforeEach(() => useRateLimiter(new MemoryRateLimiter()));
afterEach(() => vi.unstubAllEnvs());

const receivers: { close: () => Promise<void> }[] = [];
afterEach(async () => {
  await Promise.all(receivers.splice(0).map((r) => r.close()));
});

async function receiver(respond?: Parameters<typeof startReceiver>[0]) {
  const r = await startReceiver(respond);
  receivers.push(r);
  return r;
}

/** An organisation with a product "kit", an owner's key and one endpoint wanting `events`. */
async function setup(url: string, events: string[] = ["purchase.created", "purchase.revoked", "key.revoked"]) {
  const { org, owner, others } = await createOrgWith(["member"]);
  const { token } = await personalKey(org.id, owner);
  await db.product.create({ data: { orgId: org.id, slug: "kit", name: "Kit" } });
  const created = await call(createRoute, "/api/webhooks", { method: "POST", token, body: { url, events, description: "Fulfilment" } });
  expect(created.status).toBe(201);
  return { org, owner, member: others[0], token, endpoint: created.body as { id: string; secret: string } };
}

const verify = (secret: string, r: Received) =>
  new Webhook(secret).verify(r.body, {
    "webhook-id": String(r.headers["webhook-id"]),
    "webhook-timestamp": String(r.headers["webhook-timestamp"]),
    "webhook-signature": String(r.headers["webhook-signature"]),
  });

const deliveries = (endpointId: string) =>
  db.webhookDelivery.findMany({ where: { endpointId }, orderBy: { createdAt: "asc" }, include: { event: true } });

describe("webhook endpoints over the API", () => {
  it("creates an endpoint with a whsec_ secret shown once and stored encrypted; lists, edits, deletes", async () => {
    const r = await receiver();
    const { org, token, endpoint } = await setup(r.url);
    expect(endpoint.secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
    expect(endpoint).toMatchObject({ url: r.url, events: ["purchase.created", "purchase.revoked", "key.revoked"], state: "active" });
    const row = await db.webhookEndpoint.findUniqueOrThrow({ where: { id: endpoint.id } });
    expect(row.secretSealed).not.toContain(endpoint.secret.slice(6, 20));
    expect(openSecret(row.secretSealed, row.id)).toBe(endpoint.secret);

    const listed = await call(listRoute, "/api/webhooks", { token });
    expect(listed.status).toBe(200);
    expect(listed.body).toHaveLength(1);
    expect(listed.text).not.toContain(endpoint.secret);
    const one = await call(getRoute, "/x", { token, params: { id: endpoint.id } });
    expect(one.body.secret).toBeUndefined();

    const patched = await call(patchRoute, "/x", {
      method: "PATCH",
      token,
      params: { id: endpoint.id },
      body: { events: ["key.revoked"], disabled: true },
    });
    expect(patched.body).toMatchObject({ events: ["key.revoked"], state: "disabled" });

    const audit = await db.auditEvent.findMany({ where: { orgId: org.id, targetType: "webhook" }, orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action)).toEqual(["webhook.created", "webhook.updated"]);
    expect(JSON.stringify(audit)).not.toContain(endpoint.secret);

    expect((await call(deleteRoute, "/x", { method: "DELETE", token, params: { id: endpoint.id } })).status).toBe(204);
    expectProblem(await call(getRoute, "/x", { token, params: { id: endpoint.id } }), 404, "NOT_FOUND");
  });

  it("validates url and events; members and other organisations cannot see or touch endpoints", async () => {
    const r = await receiver();
    const { org, member, endpoint, token } = await setup(r.url);
    const bad = await call(createRoute, "/api/webhooks", { method: "POST", token, body: { url: "ftp://x", events: ["nope"] } });
    expectProblem(bad, 422, "VALIDATION_FAILED");
    expect(Object.keys(bad.body.errors).sort()).toEqual(["events.0", "url"]);
    const memberKey = await personalKey(org.id, member);
    expectProblem(await call(listRoute, "/api/webhooks", { token: memberKey.token }), 403, "FORBIDDEN");
    const other = await createOrgWith();
    const otherKey = await personalKey(other.org.id, other.owner);
    expectProblem(await call(getRoute, "/x", { token: otherKey.token, params: { id: endpoint.id } }), 404, "NOT_FOUND");
    const readOnly = await integrationKey(
      org.id,
      { id: (await db.membership.findFirstOrThrow({ where: { orgId: org.id, role: "owner" } })).userId },
      { scopes: ["write"] },
    );
    expectProblem(await call(listRoute, "/api/webhooks", { token: readOnly.token }), 403, "INSUFFICIENT_SCOPE");
  });
});

describe("delivery", () => {
  it("a purchase reaches the endpoint signed per Standard Webhooks (verified with standardwebhooks' Webhook.verify)", async () => {
    const r = await receiver();
    const { token, endpoint } = await setup(r.url);
    const email = `${unique("buyer")}@example.com`.toLowerCase();
    const bought = await call(purchasesPost, "/api/purchases", {
      method: "POST",
      token,
      body: { email, productId: "kit", externalId: "o1" },
    });
    expect(bought.status).toBe(201);
    const [queued] = await deliveries(endpoint.id);
    expect(queued).toMatchObject({ status: "pending", attempts: 0 });

    expect(await deliverDue({ endpointIds: [endpoint.id] })).toBe(1);
    expect(r.received).toHaveLength(1);
    const msg = verify(endpoint.secret, r.received[0]) as { type: string; timestamp: string; data: Record<string, unknown> };
    expect(msg.type).toBe("purchase.created");
    expect(msg.data).toMatchObject({ id: bought.body.id, email, productId: "kit", externalId: "o1" });
    expect(r.received[0].headers["webhook-id"]).toBe(queued.eventId);
    expect(r.received[0].headers["content-type"]).toBe("application/json");
    expect(() => verify(`whsec_${Buffer.alloc(32, 1).toString("base64")}`, r.received[0])).toThrow();

    const [done] = await deliveries(endpoint.id);
    expect(done).toMatchObject({ status: "succeeded", attempts: 1, responseStatus: 200, responseExcerpt: "ok", lastError: null });
    // A replay of the purchase (same externalId) is not a new purchase: no second event.
    await call(purchasesPost, "/api/purchases", { method: "POST", token, body: { email, productId: "kit", externalId: "o1" } });
    expect(await deliveries(endpoint.id)).toHaveLength(1);

    // Revoking announces purchase.revoked once; a repeated DELETE does not.
    for (let i = 0; i < 2; i++) await call(purchaseDelete, "/x", { method: "DELETE", token, params: { id: bought.body.id } });
    await deliverDue({ endpointIds: [endpoint.id] });
    expect(r.received.map((x) => JSON.parse(x.body).type)).toEqual(["purchase.created", "purchase.revoked"]);
    // What was sent is what the OpenAPI document's `webhooks` section describes.
    for (const x of r.received) assertMatchesWebhookMessage(x.body, x.headers);
  });

  it("writes the outbox row in the change's transaction: rolled back with it, and nothing without a subscriber", async () => {
    const r = await receiver();
    const { org, endpoint } = await setup(r.url, ["purchase.created"]);
    await expect(
      db.$transaction(async (tx) => {
        await emitWebhookEvent(tx, org.id, "purchase.created", { id: "p1" });
        expect(await tx.webhookEvent.count({ where: { orgId: org.id } })).toBe(1);
        throw new Error("the change failed");
      }),
    ).rejects.toThrow("the change failed");
    expect(await db.webhookEvent.count({ where: { orgId: org.id } })).toBe(0);
    expect(await deliveries(endpoint.id)).toHaveLength(0);
    // key.revoked is not among this endpoint's events: nothing written.
    expect(await db.$transaction((tx) => emitWebhookEvent(tx, org.id, "key.revoked", { id: "k" }))).toBeNull();
    expect(await db.webhookEvent.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("retries a failed attempt after ~5 s with the same webhook-id, then backs off exponentially", async () => {
    const r = await receiver((_req, res, n) => {
      res.statusCode = n < 3 ? 503 : 200;
      res.end(n < 3 ? "busy, try later" : "ok");
    });
    const { org, owner, endpoint } = await setup(r.url);
    const key = await integrationKey(org.id, owner);
    await changeKeyState(actorFor(owner), org.id, key.key.id, "revoke");
    let now = new Date();
    const tick = () => deliverDue({ endpointIds: [endpoint.id], now: () => now });
    expect(await tick()).toBe(1);
    let [d] = await deliveries(endpoint.id);
    expect(d).toMatchObject({
      status: "pending",
      attempts: 1,
      responseStatus: 503,
      responseExcerpt: "busy, try later",
      lastError: "Answered 503.",
    });
    const wait1 = d.nextAttemptAt.getTime() - now.getTime();
    expect(wait1).toBeGreaterThanOrEqual(5_000);
    expect(wait1).toBeLessThanOrEqual(10_000);
    expect(await tick()).toBe(0); // not due yet

    now = new Date(d.nextAttemptAt.getTime() + 1);
    expect(await tick()).toBe(1);
    [d] = await deliveries(endpoint.id);
    const wait2 = d.nextAttemptAt.getTime() - now.getTime();
    expect(wait2).toBeGreaterThanOrEqual(RETRY_DELAYS_S[1] * 1000);
    expect(wait2).toBeGreaterThan(wait1 * 2);

    now = new Date(d.nextAttemptAt.getTime() + 1);
    expect(await tick()).toBe(1);
    [d] = await deliveries(endpoint.id);
    expect(d).toMatchObject({ status: "succeeded", attempts: 3 });
    const ids = new Set(r.received.map((x) => x.headers["webhook-id"]));
    expect(ids.size).toBe(1);
    for (const x of r.received) expect(verify(endpoint.secret, x)).toMatchObject({ type: "key.revoked", data: { id: key.key.id } });
  });

  it("after about a day of failures the delivery fails and the endpoint is marked failing with the reason; a success clears it", async () => {
    let up = false;
    const r = await receiver((_req, res) => {
      res.statusCode = up ? 200 : 500;
      res.end(up ? "ok" : "boom");
    });
    const { token, endpoint } = await setup(r.url);
    await call(purchasesPost, "/api/purchases", { method: "POST", token, body: { email: "a@example.com", productId: "kit" } });
    const start = new Date();
    let now = start;
    for (let i = 0; i < MAX_ATTEMPTS; i++) {
      expect(await deliverDue({ endpointIds: [endpoint.id], now: () => now })).toBe(1);
      const [d] = await deliveries(endpoint.id);
      now = new Date(d.nextAttemptAt.getTime() + 1);
    }
    const [d] = await deliveries(endpoint.id);
    expect(d).toMatchObject({ status: "failed", attempts: MAX_ATTEMPTS });
    const lastAttempt = d.lastAttemptAt!.getTime() - start.getTime();
    expect(lastAttempt).toBeGreaterThan(20 * 3_600_000);
    expect(lastAttempt).toBeLessThan(30 * 3_600_000);
    const shown = await call(getRoute, "/x", { token, params: { id: endpoint.id } });
    expect(shown.body.state).toBe("failing");
    expect(shown.body.failingReason).toMatch(/purchase\.created .* failed 11 times; last: Answered 500\./);
    expect(await deliverDue({ endpointIds: [endpoint.id], now: () => new Date(now.getTime() + 86_400_000) })).toBe(0);

    up = true;
    const resent = await call(resendRoute, "/x", { method: "POST", token, params: { id: endpoint.id, deliveryId: d.id } });
    expect(resent.status).toBe(202);
    await deliverDue({ endpointIds: [endpoint.id] });
    expect((await call(getRoute, "/x", { token, params: { id: endpoint.id } })).body).toMatchObject({
      state: "active",
      failingReason: null,
    });
    // The resend carried the same webhook-id as every attempt before it.
    expect(new Set(r.received.map((x) => x.headers["webhook-id"])).size).toBe(1);
    const listed = await call(deliveriesRoute, "/x", { token, params: { id: endpoint.id } });
    expect(listed.body.map((x: { status: string }) => x.status)).toEqual(["succeeded", "failed"]);
  });

  it("sends a test event; rotation signs with both secrets during the grace period", async () => {
    const r = await receiver();
    const { token, endpoint } = await setup(r.url);
    const rotated = await call(rotateRoute, "/x", { method: "POST", token, params: { id: endpoint.id }, body: { gracePeriod: "1h" } });
    expect(rotated.status).toBe(201);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    expect(rotated.body.previousSecretExpiresAt).not.toBeNull();
    const queued = await call(testRoute, "/x", { method: "POST", token, params: { id: endpoint.id } });
    expect(queued.status).toBe(202);
    expect(queued.body).toMatchObject({ eventType: "webhook.test", status: "pending" });
    await deliverDue({ endpointIds: [endpoint.id] });
    expect(String(r.received[0].headers["webhook-signature"]).split(" ")).toHaveLength(2);
    expect(verify(rotated.body.secret, r.received[0])).toMatchObject({ type: "webhook.test" });
    expect(verify(endpoint.secret, r.received[0])).toMatchObject({ type: "webhook.test" });

    // Immediate rotation: only the newest secret signs.
    const again = await call(rotateRoute, "/x", { method: "POST", token, params: { id: endpoint.id }, body: { gracePeriod: "0" } });
    await call(testRoute, "/x", { method: "POST", token, params: { id: endpoint.id } });
    await deliverDue({ endpointIds: [endpoint.id] });
    expect(verify(again.body.secret, r.received[1])).toMatchObject({ type: "webhook.test" });
    expect(() => verify(rotated.body.secret, r.received[1])).toThrow();
  });

  it("does not follow redirects and gives up an attempt after the timeout", async () => {
    const r = await receiver((req, res) => {
      if (req.body.includes("slow")) return; // never answers
      res.writeHead(302, { location: "http://127.0.0.1:1/elsewhere" }).end();
    });
    const redirected = await postOnce(r.url, "{}", {});
    expect(redirected).toMatchObject({ ok: false, status: 302 });
    expect(redirected.error).toMatch(/redirect/);
    expect(r.received).toHaveLength(1);
    const started = Date.now();
    const slow = await postOnce(r.url, '"slow"', {}, 300);
    expect(slow).toMatchObject({ ok: false, status: null, error: "No answer within 0.3 s." });
    expect(Date.now() - started).toBeLessThan(2_000);
  });
});

describe("a checkout's mint", () => {
  it("mints for a released version in one statement: the buyer's purchase and its purchase.created event, once per live purchase", async () => {
    const r = await receiver();
    const { org, token } = await draftWith({ "a.txt": Buffer.from("a") });
    expect((await activate(token, "kit", "1.0.0")).status).toBe(200);
    expect((await mint(token, { productId: "kit", version: "1.0.0" })).status).toBe(201); // releases the version
    const created = await call(createRoute, "/api/webhooks", { method: "POST", token, body: { url: r.url, events: ["purchase.created"] } });
    const endpointId = created.body.id as string;

    const first = await mint(token, { productId: "kit", version: "1.0.0", email: "Buyer@Example.com", maxDownloads: 3 });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ productId: "kit", version: "1.0.0" });
    const again = await mint(token, { productId: "kit", version: "1.0.0", email: "buyer@example.com" });
    expect(again.status).toBe(201);

    const purchases = await db.purchase.findMany({ where: { orgId: org.id }, include: { product: true } });
    expect(purchases.map((p) => [p.email, p.source, p.product.slug])).toEqual([["buyer@example.com", "api", "kit"]]);
    const tokens = await db.downloadToken.findMany({
      where: { orgId: org.id, customerEmail: "buyer@example.com" },
      orderBy: { createdAt: "asc" },
    });
    expect(tokens.map((t) => t.maxDownloads)).toEqual([3, null]);
    // Stored in UTC whatever the process's time zone (the statement goes through the raw driver).
    for (const t of tokens) expect(Math.abs(t.expiresAt.getTime() - (Date.now() + 24 * 3_600_000))).toBeLessThan(120_000);
    expect(Math.abs(purchases[0].createdAt.getTime() - Date.now())).toBeLessThan(120_000);
    const events = await deliveries(endpointId);
    expect(events).toHaveLength(1);
    expect(events[0].event.payload).toMatchObject({
      type: "purchase.created",
      data: { id: purchases[0].id, email: "buyer@example.com", productId: "kit", productName: "kit", source: "api", revokedAt: null },
    });

    expect(await deliverDue({ endpointIds: [endpointId] })).toBe(1);
    assertMatchesWebhookMessage(r.received[0].body, r.received[0].headers);
    expect(JSON.parse(r.received[0].body).data.createdAt).toBe(purchases[0].createdAt.toISOString());
  });

  it("an unknown product or version and a version's first mint take the general path and answer as before", async () => {
    const { org, token } = await draftWith({ "a.txt": Buffer.from("a") });
    expect((await mint(token, { productId: "kit", version: "9.9.9" })).status).toBe(404);
    expect((await mint(token, { productId: "nope", version: "1.0.0" })).status).toBe(404);
    expect((await activate(token, "kit", "1.0.0")).status).toBe(200);
    const first = await mint(token, { productId: "kit", version: "1.0.0", email: "a@example.com" });
    expect(first.status).toBe(201);
    const version = await db.productVersion.findFirstOrThrow({ where: { version: "1.0.0", product: { orgId: org.id, slug: "kit" } } });
    expect(version.releasedAt).not.toBeNull();
    expect(await db.purchase.count({ where: { orgId: org.id, email: "a@example.com" } })).toBe(1);
  });
});

describe("the running worker", () => {
  it("a slow endpoint holds one slot: another endpoint's next event goes out while the slow attempt is still open", async () => {
    const held: (() => void)[] = [];
    const slow = await receiver((_r, res) => held.push(() => res.end("late")));
    const fast = await receiver();
    const { token, endpoint } = await setup(slow.url, ["purchase.created"]);
    const second = await call(createRoute, "/api/webhooks", {
      method: "POST",
      token,
      body: { url: fast.url, events: ["purchase.created"] },
    });
    const worker = startWebhookWorker({ batch: 4, pollMs: 50, timeoutMs: 20_000, endpointIds: [endpoint.id, second.body.id] });
    try {
      const buy = (email: string) => call(purchasesPost, "/api/purchases", { method: "POST", token, body: { email, productId: "kit" } });
      expect((await buy("first@example.com")).status).toBe(201);
      await expect.poll(() => slow.received.length + fast.received.length, { timeout: 10_000 }).toBe(2);
      // The slow endpoint has not answered; a round-at-a-time worker would wait for it (up to the 20 s timeout here).
      expect((await buy("second@example.com")).status).toBe(201);
      await expect.poll(() => fast.received.length, { timeout: 10_000 }).toBe(2);
      expect(JSON.parse(fast.received[1].body).data.email).toBe("second@example.com");
      expect((await deliveries(endpoint.id))[0].status).toBe("pending");
      await expect.poll(() => held.length, { timeout: 10_000 }).toBe(2);
    } finally {
      held.forEach((answer) => answer());
      await worker.stop();
    }
    expect((await deliveries(endpoint.id)).map((d) => d.status)).toEqual(["succeeded", "succeeded"]);
  });
});

describe("SSRF guard", () => {
  it("refuses loopback, private and link-local targets in production, at creation and at delivery", async () => {
    const r = await receiver();
    const { token, endpoint } = await setup(r.url);
    vi.stubEnv("NODE_ENV", "production");
    for (const url of ["http://127.0.0.1/x", "http://169.254.169.254/latest", "http://[::1]/", "http://10.1.2.3/", "http://localhost./"]) {
      const res = await call(createRoute, "/api/webhooks", { method: "POST", token, body: { url, events: ["purchase.created"] } });
      expectProblem(res, 422, "VALIDATION_FAILED");
    }
    // Stored before the switch to production: refused when it is delivered.
    await call(testRoute, "/x", { method: "POST", token, params: { id: endpoint.id } });
    await deliverDue({ endpointIds: [endpoint.id] });
    expect(r.received).toHaveLength(0);
    const [d] = await deliveries(endpoint.id);
    expect(d.lastError).toMatch(/^Refused: 127\.0\.0\.1 is not a public address/);
    // A DNS name is checked on every address it resolves to, when connecting.
    const refused = await new Promise<Error | null>((resolve) => guardedLookup()("localhost", { all: true }, (err) => resolve(err)));
    expect(refused?.message).toMatch(/resolves to .* not a public address/);
    for (const a of [
      "127.0.0.1",
      "10.0.0.1",
      "192.168.1.1",
      "172.16.5.5",
      "169.254.169.254",
      "100.64.0.1",
      "::1",
      "fe80::1",
      "fd00::1",
      "::ffff:127.0.0.1",
    ])
      expect(isPublicAddress(a), a).toBe(false);
    for (const a of ["93.184.216.34", "2606:2800:220:1:248:1893:25c8:1946"]) expect(isPublicAddress(a), a).toBe(true);
    // WEBHOOK_ALLOW_PRIVATE=1 lets a test deployment deliver to its own network.
    vi.stubEnv("WEBHOOK_ALLOW_PRIVATE", "1");
    await call(resendRoute, "/x", { method: "POST", token, params: { id: endpoint.id, deliveryId: d.id } });
    await deliverDue({ endpointIds: [endpoint.id] });
    expect(r.received).toHaveLength(1);
  });
});
