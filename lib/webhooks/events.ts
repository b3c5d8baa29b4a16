import { randomBytes } from "node:crypto";
import type { Prisma } from "@/lib/generated/prisma/client";

import type { WebhookEventType } from "./event-types";

export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from "./event-types";
/** Sent only by "Send test event"; no endpoint subscribes to it. */
export const TEST_EVENT_TYPE = "webhook.test";

/** The webhook-id of a message: stable across retries and resends, so receivers can drop duplicates. */
export const newMessageId = () => `msg_${randomBytes(16).toString("base64url")}`;

/**
 * Writes an event to the outbox inside the caller's transaction: one WebhookEvent
 * and one pending delivery per enabled endpoint that wants it. Rolled back with
 * the change; nothing at all is written when no endpoint wants the event.
 */
export async function emitWebhookEvent(
  tx: Prisma.TransactionClient,
  orgId: string,
  type: WebhookEventType,
  /** The event's data, or a function building it (only called when some endpoint wants the event). */
  data: Record<string, unknown> | (() => Promise<Record<string, unknown>>),
  now = new Date(),
): Promise<string | null> {
  const endpoints = await tx.webhookEndpoint.findMany({
    where: { orgId, disabledAt: null, events: { has: type } },
    select: { id: true },
  });
  if (!endpoints.length) return null;
  const id = newMessageId();
  const body = typeof data === "function" ? await data() : data;
  const payload = { type, timestamp: now.toISOString(), data: body } as Prisma.InputJsonObject;
  await tx.webhookEvent.create({ data: { id, orgId, type, payload, createdAt: now } });
  await tx.webhookDelivery.createMany({ data: endpoints.map((e) => ({ eventId: id, endpointId: e.id, nextAttemptAt: now })) });
  return id;
}
