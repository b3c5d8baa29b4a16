import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/orgs/access";
import { recordAudit } from "@/lib/audit/record";
import { emailSchema } from "@/lib/validation/email";
import { parseOrThrow } from "@/lib/validation/parse";
import { productSlug } from "@/lib/products/products";
import { announcePurchase, insertPurchase } from "./insert";
import { serializePurchase } from "./serialize";
import { sendDeliveryEmail, type DeliveryResult } from "./delivery";

export const purchaseInputSchema = z.object({
  email: emailSchema,
  productId: productSlug,
  externalId: z.string().trim().min(1).max(200, "externalId is at most 200 characters.").optional(),
  sendEmail: z.boolean("sendEmail must be true or false.").optional(),
});

export { serializePurchase };

const withProduct = { product: { select: { slug: true, name: true } } } as const;

type StoredPurchase = Awaited<ReturnType<typeof findByExternal>> & {};

export const REPLAY_NOT_SENT = "The purchase already existed (same externalId): no second email.";

/**
 * Records that `email` bought a product, then, with `sendEmail: true`, emails the
 * buyer their link (`email` in the result; null when not asked). Idempotent on
 * `externalId` (the storefront's order id): a retried webhook returns the first
 * purchase and sends nothing again.
 */
export async function recordPurchase(
  actor: Actor,
  orgId: string,
  input: unknown,
  source = "api",
): Promise<{ purchase: StoredPurchase; created: boolean; email: DeliveryResult | null }> {
  const data = parseOrThrow(purchaseInputSchema, input);
  const stored = await storePurchase(actor, orgId, data, source);
  if (!data.sendEmail) return { ...stored, email: null };
  const email = stored.created ? await sendDeliveryEmail(stored.purchase) : ({ emailSent: false, emailReason: REPLAY_NOT_SENT } as const);
  return { ...stored, email };
}

/**
 * A purchase an integration records on its own (a verified Stripe event): no user, so no
 * role check; the caller authenticated the request. Same idempotency on `externalId`.
 */
export async function recordIntegrationPurchase(
  orgId: string,
  input: { email: string; productId: string; externalId: string },
  source: string,
) {
  return storePurchase(null, orgId, parseOrThrow(purchaseInputSchema, input), source);
}

async function storePurchase(
  actor: Actor | null,
  orgId: string,
  data: z.infer<typeof purchaseInputSchema>,
  source: string,
): Promise<{ purchase: StoredPurchase; created: boolean }> {
  if (actor) await requirePermission(orgId, actor.userId, "catalog.write", "Your role cannot record purchases.");
  const product = await db.product.findUnique({ where: { orgId_slug: { orgId, slug: data.productId } } });
  if (!product) throw notFound("Product");
  if (data.externalId) {
    const existing = await findByExternal(orgId, data.externalId);
    if (existing) return { purchase: existing, created: false };
  }
  try {
    const purchase = await db.$transaction(async (tx) => {
      const p = await insertPurchase(tx, { orgId, productId: product.id, email: data.email, externalId: data.externalId ?? null, source });
      // An integration (actor null) writes its own entry, naming itself.
      if (actor) {
        await recordAudit(tx, actor, {
          orgId,
          action: "purchase.created",
          target: { type: "purchase", id: p.id, label: `${p.email} · ${product.slug}` },
          metadata: { source, externalId: p.externalId },
        });
      }
      return p;
    });
    return { purchase, created: true };
  } catch (err) {
    // Two deliveries of one webhook at once: the loser returns the winner's row.
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002" && data.externalId) {
      return { purchase: (await findByExternal(orgId, data.externalId))!, created: false };
    }
    throw err;
  }
}

const findByExternal = (orgId: string, externalId: string) =>
  db.purchase.findUnique({ where: { orgId_externalId: { orgId, externalId } }, include: withProduct });

/**
 * Newest first, one page at a time by id cursor (`nextCursor` null on the last page).
 * `email` is one buyer exactly (the API's filter); `search` is any part of the email (the dashboard's box).
 */
export async function listPurchasesPage(orgId: string, opts: { limit: number; cursor?: string; email?: string; search?: string }) {
  // Prisma passes `contains` to LIKE as is: a typed % or _ must match itself, not anything.
  const search = opts.search
    ?.trim()
    .toLowerCase()
    .replace(/[\\%_]/g, "\\$&");
  const rows = await db.purchase.findMany({
    where: {
      orgId,
      ...(opts.email ? { email: opts.email.trim().toLowerCase() } : search ? { email: { contains: search } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
    include: withProduct,
  });
  const purchases = rows.slice(0, opts.limit);
  return { purchases, nextCursor: rows.length > opts.limit ? purchases[purchases.length - 1].id : null };
}

/** `actor` null: an integration the caller authenticated (a Stripe refund). */
export async function revokePurchase(actor: Actor | null, orgId: string, id: string) {
  if (actor) await requirePermission(orgId, actor.userId, "catalog.write", "Your role cannot revoke purchases.");
  const p = await db.purchase.findFirst({ where: { id, orgId } });
  if (!p) throw notFound("Purchase");
  if (p.revokedAt) return db.purchase.findUniqueOrThrow({ where: { id }, include: withProduct });
  return db.$transaction(async (tx) => {
    // Only the request that revokes it announces it: a repeated DELETE changes nothing.
    const n = await tx.purchase.updateMany({ where: { id, revokedAt: null }, data: { revokedAt: new Date() } });
    const row = await tx.purchase.findUniqueOrThrow({ where: { id }, include: withProduct });
    if (n.count) {
      await announcePurchase(tx, "purchase.revoked", row);
      const label = `${row.email} · ${row.product.slug}`;
      if (actor) await recordAudit(tx, actor, { orgId, action: "purchase.revoked", target: { type: "purchase", id, label } });
    }
    return row;
  });
}

/** A buyer's purchases across every seller, by the email they signed in with. */
export async function purchasesForBuyer(email: string) {
  return db.purchase.findMany({
    where: { email: email.toLowerCase(), revokedAt: null },
    orderBy: { createdAt: "desc" },
    include: {
      product: { include: { organization: { select: { name: true } }, activeVersion: { select: { version: true, status: true } } } },
    },
  });
}
