import { randomBytes } from "node:crypto";
import { Prisma } from "@/lib/generated/prisma/client";

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
  const payload = Prisma.sql`${JSON.stringify({ type, timestamp: now.toISOString(), data })}::jsonb`;
  const rows = await tx.$queryRaw<
    { n: number }[]
  >`WITH ${outboxCtes({ orgId, type, id, payload, now })} SELECT count(*)::int AS n FROM wh_dl`;
  return rows[0].n ? id : null;
}

/**
 * The outbox write as CTEs (wh_ep, wh_ev, wh_dl) for a statement of the caller's: the
 * subscribed endpoints, the event only if there is one (and `gate`, SQL, holds), a delivery
 * per endpoint. The deliveries' foreign key sees the event of the sibling CTE: RI checks
 * run at the end of the statement. One statement is atomic without a transaction around it.
 */
export function outboxCtes(o: { orgId: string; type: WebhookEventType; id: string; payload: Prisma.Sql; now: Date; gate?: Prisma.Sql }) {
  return Prisma.sql`
    wh_ep AS (
      SELECT id FROM "WebhookEndpoint"
      WHERE "orgId" = ${o.orgId} AND "disabledAt" IS NULL AND ${o.type} = ANY(events) AND ${o.gate ?? Prisma.sql`TRUE`}),
    wh_ev AS (
      INSERT INTO "WebhookEvent" (id, "orgId", type, payload, "createdAt")
      SELECT ${o.id}, ${o.orgId}, ${o.type}, ${o.payload}, ${o.now}::timestamp(3) WHERE EXISTS (SELECT 1 FROM wh_ep)
      RETURNING id),
    wh_dl AS (
      INSERT INTO "WebhookDelivery" (id, "eventId", "endpointId", "nextAttemptAt", "createdAt")
      SELECT 'whd_' || replace(gen_random_uuid()::text, '-', ''), wh_ev.id, wh_ep.id, ${o.now}::timestamp(3), ${o.now}::timestamp(3) FROM wh_ev CROSS JOIN wh_ep
      RETURNING "eventId")`;
}
