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
 *
 * With its data at hand this is one statement whether or not an endpoint wants the
 * event, so a purchase costs the same round trips with webhooks configured as without.
 */
export async function emitWebhookEvent(
  tx: Prisma.TransactionClient,
  orgId: string,
  type: WebhookEventType,
  /** The event's data, or a function building it (only called when some endpoint wants the event). */
  data: Record<string, unknown> | (() => Promise<Record<string, unknown>>),
  now = new Date(),
): Promise<string | null> {
  if (typeof data === "function") {
    // Building the data costs queries of its own: only when somebody listens.
    const wanted = await tx.webhookEndpoint.findFirst({ where: { orgId, disabledAt: null, events: { has: type } }, select: { id: true } });
    if (!wanted) return null;
    data = await data();
  }
  const id = newMessageId();
  const payload = JSON.stringify({ type, timestamp: now.toISOString(), data });
  // The deliveries' foreign key sees the event inserted by the sibling CTE: RI checks run at the end of the statement.
  const rows = await tx.$queryRaw<{ eventId: string }[]>`
    WITH ep AS (
      SELECT id FROM "WebhookEndpoint" WHERE "orgId" = ${orgId} AND "disabledAt" IS NULL AND ${type} = ANY(events)),
    ev AS (
      INSERT INTO "WebhookEvent" (id, "orgId", type, payload, "createdAt")
      SELECT ${id}, ${orgId}, ${type}, ${payload}::jsonb, ${now} WHERE EXISTS (SELECT 1 FROM ep)
      RETURNING id)
    INSERT INTO "WebhookDelivery" (id, "eventId", "endpointId", "nextAttemptAt", "createdAt")
    SELECT 'whd_' || replace(gen_random_uuid()::text, '-', ''), ev.id, ep.id, ${now}, ${now} FROM ev CROSS JOIN ep
    RETURNING "eventId"`;
  return rows.length ? id : null;
}
