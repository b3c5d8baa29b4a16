import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { beforeEach, describe, expect, it } from "vitest";
import { DELETE as disconnectRoute, GET as stateRoute, PUT as connectRoute } from "@/app/api/integrations/stripe/route";
import { DELETE as unmapRoute, PUT as mapRoute } from "@/app/api/integrations/stripe/prices/[stripeId]/route";
import { POST as webhookRoute } from "@/app/api/integrations/stripe/webhook/[endpointId]/route";
import { GET as downloadPage } from "@/app/download/route";
import { db } from "@/lib/db/client";
import { flushRequestLog } from "@/lib/request-log/record";
import { useRateLimiter } from "@/lib/ratelimit/limiter";
import { MemoryRateLimiter } from "@/lib/ratelimit/memory";
import { createOrgWith, integrationKey, personalKey, unique } from "./fixtures";
import { call, expectProblem } from "./api/client";
import { activate, draftWith, get } from "./support/products";

beforeEach(() => useRateLimiter(new MemoryRateLimiter()));

const SECRET = `whsec_${randomBytes(24).toString("base64url")}`;
const buyer = () => `${unique("buyer")}@example.com`.toLowerCase();
const outbox = (to: string) => db.outboxMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
const connect = (token: string, webhookSecret: unknown = SECRET) =>
  call(connectRoute, "/api/integrations/stripe", { method: "PUT", token, body: { webhookSecret } });

/** An organisation selling "kit" 1.0.0 (one file, active), connected to Stripe. */
async function seller() {
  const ctx = await draftWith({ "Kit.zip": randomBytes(20_000) });
  expect((await activate(ctx.token, "kit", "1.0.0")).status).toBe(200);
  const res = await connect(ctx.token);
  expect(res.status).toBe(201);
  const endpointId = new URL(res.body.webhookUrl).pathname.split("/").pop()!;
  return { ...ctx, endpointId, webhookUrl: res.body.webhookUrl as string };
}

/** Posts `event` to the webhook the way Stripe does: the exact bytes, signed with `secret`. */
async function deliver(endpointId: string, event: unknown, opts: { secret?: string; signature?: string | null; timestamp?: number } = {}) {
  const payload = JSON.stringify(event);
  const signature =
    opts.signature === undefined
      ? Stripe.webhooks.generateTestHeaderString({ payload, secret: opts.secret ?? SECRET, timestamp: opts.timestamp })
      : opts.signature;
  return call(webhookRoute, `/api/integrations/stripe/webhook/${endpointId}`, {
    method: "POST",
    rawBody: payload,
    headers: { "content-type": "application/json; charset=utf-8", ...(signature === null ? {} : { "stripe-signature": signature }) },
    params: { endpointId },
  });
}

const evtId = () => `evt_${randomBytes(12).toString("hex")}`;

function sessionCompleted(
  email: string,
  opts: { session?: string; pi?: string; metadata?: Record<string, string>; paymentLink?: string; status?: string } = {},
) {
  return {
    id: evtId(),
    object: "event",
    type: "checkout.session.completed",
    livemode: false,
    created: Math.floor(Date.now() / 1000),
    data: {
      object: {
        id: opts.session ?? `cs_test_${randomBytes(12).toString("hex")}`,
        object: "checkout.session",
        mode: "payment",
        payment_status: opts.status ?? "paid",
        payment_intent: opts.pi ?? `pi_${randomBytes(12).toString("hex")}`,
        payment_link: opts.paymentLink ?? null,
        customer_details: { email },
        metadata: opts.metadata ?? { continuata_product: "kit" },
      },
    },
  };
}

function chargeRefunded(pi: string, amount: number, refunded: number) {
  return {
    id: evtId(),
    object: "event",
    type: "charge.refunded",
    livemode: false,
    data: {
      object: {
        id: `ch_${randomBytes(8).toString("hex")}`,
        object: "charge",
        amount,
        amount_refunded: refunded,
        refunded: refunded >= amount,
        currency: "eur",
        payment_intent: pi,
      },
    },
  };
}

const eventRow = (orgId: string, eventId: string) => db.stripeEvent.findUniqueOrThrow({ where: { orgId_eventId: { orgId, eventId } } });

describe("PUT/GET/DELETE /api/integrations/stripe", () => {
  it("stores the secret encrypted, answers the webhook URL, never shows the secret again, disconnects", async () => {
    const { org, owner } = await createOrgWith();
    const key = (await personalKey(org.id, owner)).token;
    const before = await call(stateRoute, "/api/integrations/stripe", { token: key });
    expect(before.status).toBe(200);
    expect(before.body).toMatchObject({ connected: false, secretHint: null, connectedAt: null, events: [], mappings: [] });
    // The URL comes first (Stripe issues the secret for a URL); before the secret, events are refused.
    const pendingId = before.body.webhookUrl.split("/").pop();
    expectProblem(await deliver(pendingId, sessionCompleted(buyer())), 400, "BAD_REQUEST");
    expect(await db.stripeEvent.count({ where: { orgId: org.id } })).toBe(0);

    const res = await connect(key);
    expect(res.status).toBe(201);
    expect(res.body.webhookUrl).toBe(before.body.webhookUrl);
    expect(res.body.webhookUrl).toMatch(/^http:\/\/localhost:3000\/api\/integrations\/stripe\/webhook\/[A-Za-z0-9_-]{32}$/);
    expect(res.body.secretHint).toBe(`whsec_…${SECRET.slice(-4)}`);
    expect(res.text).not.toContain(SECRET);
    const row = await db.stripeIntegration.findUniqueOrThrow({ where: { orgId: org.id } });
    expect(Buffer.from(row.secret!).toString("latin1")).not.toContain(SECRET.slice(6));

    const state = await call(stateRoute, "/api/integrations/stripe", { token: key });
    expect(state.body).toMatchObject({ connected: true, webhookUrl: res.body.webhookUrl });
    expect(state.text).not.toContain(SECRET);

    // Rolling the secret keeps the URL given to Stripe.
    const rolled = await connect(key, `whsec_${randomBytes(24).toString("base64url")}`);
    expect(rolled.status).toBe(200);
    expect(rolled.body.webhookUrl).toBe(res.body.webhookUrl);

    expectProblem(await connect(key, "sk_live_nope"), 422, "VALIDATION_FAILED");
    expectProblem(await connect(key, 42), 422, "VALIDATION_FAILED");

    const gone = await call(disconnectRoute, "/api/integrations/stripe", { method: "DELETE", token: key });
    expect(gone.status).toBe(204);
    expectProblem(await call(disconnectRoute, "/api/integrations/stripe", { method: "DELETE", token: key }), 404, "NOT_FOUND");
    const endpointId = res.body.webhookUrl.split("/").pop();
    expectProblem(await deliver(endpointId, sessionCompleted(buyer())), 404, "NOT_FOUND");
    const after = await call(stateRoute, "/api/integrations/stripe", { token: key });
    expect(after.body).toMatchObject({ connected: false, secretHint: null });
    expect(after.body.webhookUrl).not.toBe(res.body.webhookUrl);

    const actions = (await db.auditEvent.findMany({ where: { orgId: org.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(expect.arrayContaining(["stripe.connected", "stripe.secret_replaced", "stripe.disconnected"]));
  });

  it("is for owners and admins: a member's key is refused", async () => {
    const { org, others } = await createOrgWith(["member"]);
    const member = (await personalKey(org.id, others[0])).token;
    expectProblem(await connect(member), 403, "FORBIDDEN");
    expectProblem(await call(stateRoute, "/api/integrations/stripe", { token: member }), 403, "FORBIDDEN");
  });
});

describe("POST /api/integrations/stripe/webhook/{id}", () => {
  it("records a paid checkout as a purchase and emails the buyer once; a replay changes nothing", async () => {
    const { org, endpointId } = await seller();
    const to = buyer();
    const event = sessionCompleted(to);
    const res = await deliver(endpointId, event);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      received: true,
      eventId: event.id,
      outcome: "recorded",
      reason: "Purchase recorded; the buyer was emailed.",
      duplicate: false,
    });
    const purchase = await db.purchase.findFirstOrThrow({ where: { orgId: org.id, email: to } });
    expect(purchase).toMatchObject({ source: "stripe", externalId: event.data.object.id, revokedAt: null });
    const mails = await outbox(to);
    expect(mails).toHaveLength(1);
    expect(mails[0].text).toMatch(/\/download\?token=/);

    // Stripe retries the same event: 200, nothing new.
    const replay = await deliver(endpointId, event);
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ outcome: "recorded", duplicate: true });
    expect(await db.purchase.count({ where: { orgId: org.id, email: to } })).toBe(1);
    expect(await outbox(to)).toHaveLength(1);

    // In the request history (attributed to the organisation, no key) and the audit log.
    await flushRequestLog();
    const logged = await db.requestLog.findMany({ where: { orgId: org.id, path: `/api/integrations/stripe/webhook/${endpointId}` } });
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ method: "POST", status: 200, keyName: "Stripe" });
    expect(logged[0].requestBody).toContain(event.id);
    const audit = await db.auditEvent.findMany({ where: { orgId: org.id, targetType: "stripe_event" } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ action: "stripe.event_recorded", via: "stripe", actorUserId: null, targetId: event.id });

    const state = await call(stateRoute, "/api/integrations/stripe", { token: (await seller()).token });
    expect(state.body.events).toEqual([]); // another organisation sees none of it
  });

  it("refuses a bad or missing signature with 400 and records nothing", async () => {
    const { org, endpointId } = await seller();
    const to = buyer();
    const event = sessionCompleted(to);
    expectProblem(await deliver(endpointId, event, { secret: `whsec_${randomBytes(24).toString("base64url")}` }), 400, "BAD_REQUEST");
    expectProblem(await deliver(endpointId, event, { signature: null }), 400, "BAD_REQUEST");
    expectProblem(await deliver(endpointId, event, { signature: "t=1,v1=deadbeef" }), 400, "BAD_REQUEST");
    // Signed more than 5 minutes ago: a captured request cannot be replayed.
    expectProblem(await deliver(endpointId, event, { timestamp: Math.floor(Date.now() / 1000) - 301 }), 400, "BAD_REQUEST");
    // A body changed after signing.
    const payload = JSON.stringify(event);
    const signature = Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET });
    const tampered = await call(webhookRoute, "/x", {
      method: "POST",
      rawBody: payload.replace(to, "thief@example.com"),
      headers: { "stripe-signature": signature, "content-type": "application/json" },
      params: { endpointId },
    });
    expectProblem(tampered, 400, "BAD_REQUEST");
    expectProblem(await deliver("nope", event), 404, "NOT_FOUND");

    await flushRequestLog();
    expect(await db.stripeEvent.count({ where: { orgId: org.id } })).toBe(0);
    expect(await db.purchase.count({ where: { orgId: org.id, email: to } })).toBe(0);
    expect(await db.requestLog.count({ where: { orgId: org.id, path: { startsWith: "/api/integrations/stripe/webhook" } } })).toBe(0);
    expect(await outbox(to)).toHaveLength(0);
  });

  it("refuses a body over the size limit with 413", async () => {
    const { endpointId } = await seller();
    const event = { ...sessionCompleted(buyer()), padding: "x".repeat(600_000) };
    expectProblem(await deliver(endpointId, event), 413, "PAYLOAD_TOO_LARGE");
  });

  it("same Checkout Session under another event id: one purchase, one email", async () => {
    const { org, endpointId } = await seller();
    const to = buyer();
    const first = sessionCompleted(to);
    const second = { ...first, id: evtId(), type: "checkout.session.async_payment_succeeded" };
    expect((await deliver(endpointId, first)).body.outcome).toBe("recorded");
    const again = await deliver(endpointId, second);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ outcome: "ignored", duplicate: false });
    expect(again.body.reason).toMatch(/already recorded/);
    expect(await db.purchase.count({ where: { orgId: org.id, email: to } })).toBe(1);
    expect(await outbox(to)).toHaveLength(1);
  });

  it("concurrent duplicates (same event, and same session under other ids) record one purchase and send one email", async () => {
    const { org, endpointId } = await seller();
    const to = buyer();
    const event = sessionCompleted(to);
    const variants = [event, event, event, { ...event, id: evtId() }, { ...event, id: evtId() }];
    const results = await Promise.all(variants.map((e) => deliver(endpointId, e)));
    for (const r of results) expect([200, 409]).toContain(r.status);
    expect(results.filter((r) => r.body.outcome === "recorded" && !r.body.duplicate)).toHaveLength(1);
    expect(await db.purchase.count({ where: { orgId: org.id, email: to } })).toBe(1);
    expect(await outbox(to)).toHaveLength(1);
  });

  it("a full refund revokes the purchase and stops its links; a partial refund changes nothing", async () => {
    const { org, endpointId } = await seller();
    const to = buyer();
    const pi = `pi_${randomBytes(10).toString("hex")}`;
    expect((await deliver(endpointId, sessionCompleted(to, { pi }))).body.outcome).toBe("recorded");
    const link = (await outbox(to))[0].text.match(/http:\/\/localhost:3000\/download\?token=\S+/)![0];
    const page = () => get(downloadPage, new URL(link).pathname + new URL(link).search);
    expect((await page()).status).toBe(200);

    const partial = await deliver(endpointId, chargeRefunded(pi, 1900, 500));
    expect(partial.body).toMatchObject({ outcome: "ignored" });
    expect(partial.body.reason).toMatch(/partial refund \(500 of 1900 eur\)/i);
    expect((await db.purchase.findFirstOrThrow({ where: { orgId: org.id, email: to } })).revokedAt).toBeNull();
    expect((await page()).status).toBe(200);

    const full = await deliver(endpointId, chargeRefunded(pi, 1900, 1900));
    expect(full.body).toMatchObject({ outcome: "recorded" });
    expect(full.body.reason).toMatch(/purchase revoked, 1 live download link\(s\) stopped/);
    expect((await db.purchase.findFirstOrThrow({ where: { orgId: org.id, email: to } })).revokedAt).not.toBeNull();
    expect((await page()).status).not.toBe(200);
    expect(await db.downloadToken.count({ where: { orgId: org.id, customerEmail: to, revokedAt: null } })).toBe(0);

    const unknown = await deliver(endpointId, chargeRefunded(`pi_${randomBytes(10).toString("hex")}`, 100, 100));
    expect(unknown.body).toMatchObject({ outcome: "ignored" });
    expect(unknown.body.reason).toMatch(/No purchase was recorded/);
  });

  it("unknown product: 200, recorded as failed with the reason; resent after a fix, it delivers", async () => {
    const { org, token, endpointId } = await seller();
    const to = buyer();
    const event = sessionCompleted(to, { metadata: { continuata_product: "no-such-kit" } });
    const res = await deliver(endpointId, event);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: "failed", duplicate: false });
    expect(res.body.reason).toMatch(/No product "no-such-kit"/);
    const state = await call(stateRoute, "/api/integrations/stripe", { token });
    expect(state.body.events[0]).toMatchObject({
      eventId: event.id,
      outcome: "failed",
      reason: res.body.reason,
      email: to,
      purchaseId: null,
    });
    expect(await db.purchase.count({ where: { orgId: org.id, email: to } })).toBe(0);
    expect((await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, targetId: event.id } })).action).toBe("stripe.event_failed");

    // A Payment Link sale with no metadata: unmapped, then mapped and resent from Stripe.
    const plink = `plink_${randomBytes(8).toString("hex")}`;
    const viaLink = sessionCompleted(to, { metadata: {}, paymentLink: plink });
    expect((await deliver(endpointId, viaLink)).body.reason).toMatch(/is mapped to a product/);
    expectProblem(
      await call(mapRoute, "/x", { method: "PUT", token, params: { stripeId: plink }, body: { productId: "nope" } }),
      422,
      "VALIDATION_FAILED",
    );
    expectProblem(
      await call(mapRoute, "/x", { method: "PUT", token, params: { stripeId: "cus_1" }, body: { productId: "kit" } }),
      422,
      "VALIDATION_FAILED",
    );
    const mapped = await call(mapRoute, "/x", {
      method: "PUT",
      token,
      params: { stripeId: plink },
      body: { productId: "kit", version: "1.0.0" },
    });
    expect(mapped.status).toBe(200);
    expect(mapped.body).toMatchObject({ stripeId: plink, productId: "kit", version: "1.0.0" });
    const resent = await deliver(endpointId, viaLink);
    expect(resent.body).toMatchObject({ outcome: "recorded", duplicate: false });
    expect(await outbox(to)).toHaveLength(1);
    expect((await eventRow(org.id, viaLink.id)).purchaseId).not.toBeNull();
    expect((await call(unmapRoute, "/x", { method: "DELETE", token, params: { stripeId: plink } })).status).toBe(204);
  });

  it("ignores unknown event types and unpaid sessions with 200", async () => {
    const { org, endpointId } = await seller();
    const other = { id: evtId(), object: "event", type: "customer.created", livemode: false, data: { object: { id: "cus_1" } } };
    const res = await deliver(endpointId, other);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ outcome: "ignored", duplicate: false });
    const to = buyer();
    const unpaid = await deliver(endpointId, sessionCompleted(to, { status: "unpaid" }));
    expect(unpaid.body).toMatchObject({ outcome: "ignored" });
    expect(unpaid.body.reason).toMatch(/async_payment_succeeded/);
    expect(await db.purchase.count({ where: { orgId: org.id, email: to } })).toBe(0);
    expect((await eventRow(org.id, other.id)).outcome).toBe("ignored");
  });

  it("the integration key's admin scope is needed", async () => {
    const { org, owner } = await createOrgWith();
    const readOnly = await integrationKey(org.id, owner, { scopes: ["read", "write"] });
    expectProblem(await connect(readOnly.token), 403, "INSUFFICIENT_SCOPE");
  });
});
