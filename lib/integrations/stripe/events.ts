import type Stripe from "stripe";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import type { IntegrationActor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { mintDownloadToken } from "@/lib/downloads/tokens";
import { recordIntegrationPurchase, revokePurchase } from "@/lib/purchases/purchases";
import { sendDeliveryEmail, type DeliveryResult } from "@/lib/purchases/delivery";
import type { StripeEventOutcome } from "./schemas";

/** An event still marked processing after this long died with its process: a retry takes it over. */
export const ABANDONED_AFTER_MS = 5 * 60_000;

interface Outcome {
  outcome: Exclude<StripeEventOutcome, "processing">;
  reason: string | null;
  sessionId?: string | null;
  paymentIntentId?: string | null;
  purchaseId?: string | null;
  email?: string | null;
}

export interface StripeAck {
  received: true;
  eventId: string;
  outcome: StripeEventOutcome;
  reason: string | null;
  duplicate: boolean;
}

const ignored = (reason: string, more: Partial<Outcome> = {}): Outcome => ({ outcome: "ignored", reason, ...more });
const failed = (reason: string, more: Partial<Outcome> = {}): Outcome => ({ outcome: "failed", reason, ...more });

/**
 * Acts on one verified event, once: the first delivery of an event id is processed, a retry
 * or replay of it answers what came of it. An event that failed (unknown product) is processed
 * again when Stripe resends it, so a seller can fix the mapping and resend it from Stripe.
 */
export async function handleStripeEvent(orgId: string, event: Stripe.Event, ip: string | null): Promise<StripeAck> {
  const claim = await claimEvent(orgId, event);
  if ("done" in claim) {
    return {
      received: true,
      eventId: event.id,
      outcome: claim.done.outcome as StripeEventOutcome,
      reason: claim.done.reason,
      duplicate: true,
    };
  }
  let result: Outcome;
  try {
    result = await act(orgId, event);
  } catch (err) {
    if (!(err instanceof AppError)) {
      // Stripe retries a 5xx; the retry finds the event failed and processes it again.
      await db.stripeEvent
        .update({ where: { id: claim.id }, data: { outcome: "failed", reason: "An internal error; Stripe will retry the event." } })
        .catch(() => {});
      throw err;
    }
    result = failed(err.message);
  }
  const actor: IntegrationActor = { userId: null, via: "stripe", ip };
  await db.$transaction(async (tx) => {
    await tx.stripeEvent.update({ where: { id: claim.id }, data: result });
    await recordAudit(tx, actor, {
      orgId,
      action: `stripe.event_${result.outcome}`,
      target: { type: "stripe_event", id: event.id, label: event.type },
      metadata: { type: event.type, reason: result.reason, purchaseId: result.purchaseId ?? null, sessionId: result.sessionId ?? null },
    });
  });
  return { received: true, eventId: event.id, outcome: result.outcome, reason: result.reason, duplicate: false };
}

type StoredEvent = { id: string; outcome: string; reason: string | null; updatedAt: Date };

async function claimEvent(orgId: string, event: Stripe.Event): Promise<{ id: string } | { done: StoredEvent }> {
  try {
    return await db.stripeEvent.create({
      data: { orgId, eventId: event.id, type: event.type, livemode: event.livemode, outcome: "processing" },
      select: { id: true },
    });
  } catch (err) {
    if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")) throw err;
  }
  const row = await db.stripeEvent.findUniqueOrThrow({ where: { orgId_eventId: { orgId, eventId: event.id } } });
  const abandoned = row.outcome === "processing" && Date.now() - row.updatedAt.getTime() >= ABANDONED_AFTER_MS;
  if (row.outcome === "failed" || abandoned) {
    // Conditional on the row as read: of two deliveries taking it over, one does.
    const { count } = await db.stripeEvent.updateMany({
      where: { id: row.id, outcome: row.outcome, updatedAt: row.updatedAt },
      data: { outcome: "processing", reason: null },
    });
    if (count) return { id: row.id };
  } else if (row.outcome !== "processing") {
    return { done: row };
  }
  // Stripe retries a non-2xx answer later, when the first delivery has finished.
  throw new AppError("CONFLICT", "This event is being processed by another delivery; retry later.");
}

async function act(orgId: string, event: Stripe.Event): Promise<Outcome> {
  switch (event.type) {
    case "checkout.session.completed":
    case "checkout.session.async_payment_succeeded":
      return checkoutPaid(orgId, event.data.object);
    case "charge.refunded":
      return chargeRefunded(orgId, event.data.object);
    default:
      return ignored(`Continuata does not act on ${event.type} events.`);
  }
}

const idOf = (value: string | { id: string } | null | undefined) => (typeof value === "string" ? value : (value?.id ?? null));

async function checkoutPaid(orgId: string, session: Stripe.Checkout.Session): Promise<Outcome> {
  const given = session.customer_details?.email ?? session.customer_email;
  const email = typeof given === "string" && given ? given : null;
  const ids = { sessionId: session.id, paymentIntentId: idOf(session.payment_intent), email };
  if (session.payment_status === "unpaid") {
    return ignored("The payment is not complete yet; the purchase is recorded when checkout.session.async_payment_succeeded arrives.", ids);
  }
  if (!email) return failed("The Checkout Session has no customer email, so there is nobody to deliver to.", ids);
  const target = await productFor(orgId, session);
  if ("error" in target) return failed(target.error, ids);

  const { purchase, created } = await recordIntegrationPurchase(orgId, { email, productId: target.slug, externalId: session.id }, "stripe");
  const more = { ...ids, email: purchase.email, purchaseId: purchase.id };
  if (!created) return ignored("The purchase for this Checkout Session was already recorded; no second email.", more);
  const delivery = await deliver(orgId, purchase, target);
  return { outcome: "recorded", reason: delivery.emailSent ? "Purchase recorded; the buyer was emailed." : delivery.emailReason, ...more };
}

type Target = { slug: string; productId: string; version: string | null } | { error: string };

/**
 * Which product a session sold: its metadata.continuata_product (and optional
 * continuata_version), else a mapping of its Payment Link, else of a price in its line
 * items. Stripe leaves line items out of the event, so price mappings apply only when a
 * payload carries them; Payment Links and metadata need no call to Stripe's API.
 */
async function productFor(orgId: string, session: Stripe.Checkout.Session): Promise<Target> {
  const text = (value: unknown) => (typeof value === "string" ? value.trim() : "");
  const named = text(session.metadata?.continuata_product);
  if (named) {
    const product = await db.product.findUnique({ where: { orgId_slug: { orgId, slug: named } }, select: { id: true } });
    if (!product) return { error: `No product "${named}" in your catalog (named by the session's metadata.continuata_product).` };
    return checkVersion(named, product.id, text(session.metadata?.continuata_version) || null, "metadata.continuata_version");
  }
  const candidates = [idOf(session.payment_link), ...(session.line_items?.data ?? []).map((item) => item.price?.id ?? null)].filter(
    (id): id is string => !!id,
  );
  if (candidates.length) {
    const mapping = await db.stripePriceMapping.findFirst({
      where: { orgId, stripeId: { in: candidates } },
      include: { product: { select: { slug: true } } },
    });
    if (mapping) return checkVersion(mapping.product.slug, mapping.productId, mapping.version, "the price mapping");
    return { error: `None of ${candidates.join(", ")} is mapped to a product: map it in Settings → Integrations → Stripe.` };
  }
  return {
    error:
      "The session names no product: set metadata.continuata_product on the Checkout Session, or sell through a Payment Link mapped in Settings → Integrations → Stripe.",
  };
}

async function checkVersion(slug: string, productId: string, version: string | null, from: string): Promise<Target> {
  if (version && !(await db.productVersion.findUnique({ where: { productId_version: { productId, version } }, select: { id: true } }))) {
    return { error: `Product "${slug}" has no version "${version}" (named by ${from}).` };
  }
  return { slug, productId, version };
}

/** The delivery email, linking to the version the sale named, else the active one. */
async function deliver(
  orgId: string,
  purchase: { orgId: string; productId: string; email: string },
  target: { slug: string; version: string | null },
): Promise<DeliveryResult> {
  if (!target.version) return sendDeliveryEmail(purchase);
  let link;
  try {
    link = await mintDownloadToken({
      orgId,
      productSlug: target.slug,
      version: target.version,
      source: "email",
      options: { email: purchase.email },
    });
  } catch (err) {
    if (!(err instanceof AppError)) throw err;
    return { emailSent: false, emailReason: `Version ${target.version} has no files yet, so no link was sent; the purchase is recorded.` };
  }
  return sendDeliveryEmail(purchase, link);
}

/** A full refund revokes the purchase the payment created and stops its live download links. */
async function chargeRefunded(orgId: string, charge: Stripe.Charge): Promise<Outcome> {
  const paymentIntentId = idOf(charge.payment_intent);
  if (!charge.refunded || charge.amount_refunded < charge.amount) {
    return ignored(`A partial refund (${charge.amount_refunded} of ${charge.amount} ${charge.currency}): the purchase stays.`, {
      paymentIntentId,
    });
  }
  if (!paymentIntentId) return ignored("The charge has no payment intent, so no purchase of ours came from it.");
  const origin = await db.stripeEvent.findFirst({
    where: { orgId, paymentIntentId, purchaseId: { not: null } },
    orderBy: { receivedAt: "asc" },
  });
  if (!origin?.purchaseId) return ignored(`No purchase was recorded from payment ${paymentIntentId}.`, { paymentIntentId });
  const purchase = await revokePurchase(null, orgId, origin.purchaseId);
  // The same buyer may own the product through another purchase: then their links stay.
  const otherRight = await db.purchase.findFirst({
    where: { orgId, productId: purchase.productId, email: purchase.email, revokedAt: null },
    select: { id: true },
  });
  const { count } = otherRight
    ? { count: 0 }
    : await db.downloadToken.updateMany({
        where: {
          orgId,
          customerEmail: purchase.email,
          version: { productId: purchase.productId },
          revokedAt: null,
          expiresAt: { gt: new Date() },
        },
        data: { revokedAt: new Date() },
      });
  const links = otherRight
    ? "the buyer's links stay: they own the product through another purchase"
    : `${count} live download link(s) stopped`;
  return {
    outcome: "recorded",
    reason: `Fully refunded: purchase revoked, ${links}.`,
    paymentIntentId,
    purchaseId: purchase.id,
    email: purchase.email,
  };
}
