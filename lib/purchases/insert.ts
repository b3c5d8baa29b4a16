import type { Prisma } from "@/lib/generated/prisma/client";
import { emitWebhookEvent } from "@/lib/webhooks/events";
import { serializePurchase } from "./serialize";

type PurchaseRow = Parameters<typeof serializePurchase>[0] & { orgId: string };

/** Tells the seller's webhook endpoints, in the transaction that made the change. */
export const announcePurchase = (tx: Prisma.TransactionClient, type: "purchase.created" | "purchase.revoked", row: PurchaseRow) =>
  emitWebhookEvent(tx, row.orgId, type, serializePurchase(row));

/**
 * Every new purchase row goes through here (API, dashboard, a link minted for a customer,
 * integrations), so purchase.created is queued with it or not at all. The one exception,
 * lib/downloads/mint-released.ts, writes the same two in one statement for speed.
 */
export async function insertPurchase(
  tx: Prisma.TransactionClient,
  data: { orgId: string; productId: string; email: string; externalId?: string | null; source: string },
) {
  const row = await tx.purchase.create({ data, include: { product: { select: { slug: true, name: true } } } });
  await announcePurchase(tx, "purchase.created", row);
  return row;
}
