import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission } from "@/lib/orgs/access";
import { parseOrThrow } from "@/lib/validation/parse";
import { GRACE_PERIODS } from "@/lib/keys/state";
import type { Prisma, WebhookDelivery, WebhookEndpoint } from "@/lib/generated/prisma/client";
import { newMessageId, TEST_EVENT_TYPE, type WebhookEventType } from "./events";
import { newSigningSecret, sealSecret } from "./secret-box";
import { checkLiteralHost, TargetRefused } from "./target-guard";
import {
  createWebhookRequest,
  rotateWebhookSecretRequest,
  updateWebhookRequest,
  type WebhookDeliveryBody,
  type WebhookEndpointBody,
} from "./schemas";

/** Endpoints per organisation: each event fans out to every one of them. */
export const MAX_ENDPOINTS = 20;
const DENIED = "Only owners and admins can manage webhooks.";
const allowed = (actor: Actor, orgId: string, tx: Prisma.TransactionClient = db) =>
  requirePermission(orgId, actor.userId, "keys.manage", DENIED, tx);

export function serializeEndpoint(e: WebhookEndpoint, now = new Date()): WebhookEndpointBody {
  return {
    id: e.id,
    url: e.url,
    description: e.description,
    events: e.events as WebhookEventType[],
    state: e.disabledAt ? "disabled" : e.failingSince ? "failing" : "active",
    failingSince: e.failingSince?.toISOString() ?? null,
    failingReason: e.failingReason,
    previousSecretExpiresAt: e.previousSecretExpiresAt && e.previousSecretExpiresAt > now ? e.previousSecretExpiresAt.toISOString() : null,
    createdAt: e.createdAt.toISOString(),
  };
}

export function serializeDelivery(d: WebhookDelivery & { event: { type: string } }): WebhookDeliveryBody {
  return {
    id: d.id,
    eventId: d.eventId,
    eventType: d.event.type,
    status: d.status,
    attempts: d.attempts,
    nextAttemptAt: d.status === "pending" ? d.nextAttemptAt.toISOString() : null,
    lastAttemptAt: d.lastAttemptAt?.toISOString() ?? null,
    responseStatus: d.responseStatus,
    responseMs: d.responseMs,
    responseExcerpt: d.responseExcerpt,
    error: d.lastError,
    createdAt: d.createdAt.toISOString(),
  };
}

/** Refuses, in production, a URL naming a private address outright (DNS names are checked at every delivery). */
function checkTarget(url: string) {
  try {
    checkLiteralHost(new URL(url));
  } catch (err) {
    if (err instanceof TargetRefused) throw new AppError("VALIDATION_FAILED", `url: ${err.message}`, { url: [err.message] });
    throw err;
  }
}

/** A new endpoint and its signing secret ("whsec_…"), which is returned this once. */
export async function createWebhookEndpoint(actor: Actor, orgId: string, input: unknown) {
  const data = parseOrThrow(createWebhookRequest, input);
  checkTarget(data.url);
  const secret = newSigningSecret();
  const endpoint = await db.$transaction(async (tx) => {
    await allowed(actor, orgId, tx);
    if ((await tx.webhookEndpoint.count({ where: { orgId } })) >= MAX_ENDPOINTS)
      throw new AppError("CONFLICT", `An organisation can have at most ${MAX_ENDPOINTS} webhook endpoints.`);
    const created = await tx.webhookEndpoint.create({
      data: { orgId, url: data.url, events: data.events, description: data.description ?? null, secretSealed: "" },
    });
    const row = await tx.webhookEndpoint.update({ where: { id: created.id }, data: { secretSealed: sealSecret(secret, created.id) } });
    await recordAudit(tx, actor, {
      orgId,
      action: "webhook.created",
      target: { type: "webhook", id: row.id, label: row.url },
      metadata: { events: data.events },
    });
    return row;
  });
  return { endpoint, secret };
}

export async function listWebhookEndpoints(orgId: string) {
  return db.webhookEndpoint.findMany({ where: { orgId }, orderBy: { createdAt: "desc" }, take: MAX_ENDPOINTS });
}

export async function getWebhookEndpoint(orgId: string, id: string) {
  const e = await db.webhookEndpoint.findFirst({ where: { id, orgId } });
  if (!e) throw notFound("Webhook endpoint");
  return e;
}

export async function updateWebhookEndpoint(actor: Actor, orgId: string, id: string, input: unknown) {
  const data = parseOrThrow(updateWebhookRequest, input);
  if (data.url) checkTarget(data.url);
  return db.$transaction(async (tx) => {
    await allowed(actor, orgId, tx);
    const e = await tx.webhookEndpoint.findFirst({ where: { id, orgId } });
    if (!e) throw notFound("Webhook endpoint");
    const { disabled, ...rest } = data;
    const row = await tx.webhookEndpoint.update({
      where: { id },
      data: { ...rest, ...(disabled === undefined ? {} : { disabledAt: disabled ? (e.disabledAt ?? new Date()) : null }) },
    });
    await recordAudit(tx, actor, {
      orgId,
      action: "webhook.updated",
      target: { type: "webhook", id, label: row.url },
      metadata: { ...data },
    });
    return row;
  });
}

export async function deleteWebhookEndpoint(actor: Actor, orgId: string, id: string) {
  return db.$transaction(async (tx) => {
    await allowed(actor, orgId, tx);
    const e = await tx.webhookEndpoint.findFirst({ where: { id, orgId } });
    if (!e) throw notFound("Webhook endpoint");
    await tx.webhookEndpoint.delete({ where: { id } });
    await recordAudit(tx, actor, { orgId, action: "webhook.deleted", target: { type: "webhook", id, label: e.url } });
    return e;
  });
}

/** A new signing secret; the old one keeps signing alongside it for the grace period (default 24 h). */
export async function rotateWebhookSecret(actor: Actor, orgId: string, id: string, input: unknown = {}) {
  const { gracePeriod } = parseOrThrow(rotateWebhookSecretRequest, input ?? {});
  const secret = newSigningSecret();
  const endpoint = await db.$transaction(async (tx) => {
    await allowed(actor, orgId, tx);
    const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "WebhookEndpoint" WHERE id = ${id} AND "orgId" = ${orgId} FOR UPDATE`;
    if (!rows.length) throw notFound("Webhook endpoint");
    const e = await tx.webhookEndpoint.findUniqueOrThrow({ where: { id } });
    const ms = GRACE_PERIODS[gracePeriod];
    const row = await tx.webhookEndpoint.update({
      where: { id },
      data: {
        secretSealed: sealSecret(secret, id),
        previousSecretSealed: ms ? e.secretSealed : null,
        previousSecretExpiresAt: ms ? new Date(Date.now() + ms) : null,
      },
    });
    await recordAudit(tx, actor, {
      orgId,
      action: "webhook.secret_rotated",
      target: { type: "webhook", id, label: e.url },
      metadata: { gracePeriod },
    });
    return row;
  });
  return { endpoint, secret };
}

/** Queues a "webhook.test" event for this endpoint alone; the worker sends it like any other. */
export async function sendTestEvent(actor: Actor, orgId: string, id: string) {
  return db.$transaction(async (tx) => {
    await allowed(actor, orgId, tx);
    const e = await tx.webhookEndpoint.findFirst({ where: { id, orgId } });
    if (!e) throw notFound("Webhook endpoint");
    const eventId = newMessageId();
    const now = new Date();
    const payload = {
      type: TEST_EVENT_TYPE,
      timestamp: now.toISOString(),
      data: { endpointId: id, message: "A test event from Continuata." },
    };
    await tx.webhookEvent.create({ data: { id: eventId, orgId, type: TEST_EVENT_TYPE, payload, createdAt: now } });
    return tx.webhookDelivery.create({
      data: { eventId, endpointId: id, nextAttemptAt: now },
      include: { event: { select: { type: true } } },
    });
  });
}

/** Sends a delivery again now, with the same webhook-id (receivers that saw it already drop it). */
export async function resendDelivery(actor: Actor, orgId: string, endpointId: string, deliveryId: string) {
  return db.$transaction(async (tx) => {
    await allowed(actor, orgId, tx);
    const d = await tx.webhookDelivery.findFirst({ where: { id: deliveryId, endpointId, endpoint: { orgId } } });
    if (!d) throw notFound("Delivery");
    if (d.status === "pending" && d.leaseUntil && d.leaseUntil > new Date())
      throw new AppError("CONFLICT", "This delivery is being attempted right now; wait for the result.");
    return tx.webhookDelivery.create({
      data: { eventId: d.eventId, endpointId, nextAttemptAt: new Date() },
      include: { event: { select: { type: true } } },
    });
  });
}

/** Newest first, one page at a time by id cursor. */
export async function listDeliveriesPage(orgId: string, endpointId: string, opts: { limit: number; cursor?: string }) {
  await getWebhookEndpoint(orgId, endpointId);
  const rows = await db.webhookDelivery.findMany({
    where: { endpointId },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
    include: { event: { select: { type: true } } },
  });
  const deliveries = rows.slice(0, opts.limit);
  return { deliveries, nextCursor: rows.length > opts.limit ? deliveries[deliveries.length - 1].id : null };
}
