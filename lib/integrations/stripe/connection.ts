import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { appUrl } from "@/lib/config/app";
import { recordAudit } from "@/lib/audit/record";
import { requirePermission } from "@/lib/orgs/access";
import { parseOrThrow } from "@/lib/validation/parse";
import { randomUrlToken } from "@/lib/crypto/tokens";
import { openSecret, sealSecret } from "@/lib/crypto/sealed";
import { connectStripeRequest, stripeMappingRequest, stripeObjectId, type StripeEventOutcome, type StripeState } from "./schemas";

/**
 * keys.manage (owners and admins), not org.settings: whoever holds the signing secret can
 * create and revoke purchases, as an integration key can, so it is managed like one.
 */
export const STRIPE_PERMISSION = "keys.manage" as const;
const DENIED = "Only owners and admins can manage the Stripe integration.";
const SECRET_PURPOSE = "stripe webhook signing secret";

export const stripeWebhookUrl = (endpointId: string) => `${appUrl()}/api/integrations/stripe/webhook/${endpointId}`;

/**
 * Stores the signing secret, encrypted. Replacing it (Stripe's "Roll secret") keeps the
 * webhook URL; after a disconnect a new URL is made, so the old one stops answering.
 */
export async function connectStripe(actor: Actor, orgId: string, input: unknown): Promise<{ state: StripeState; created: boolean }> {
  const { webhookSecret } = parseOrThrow(connectStripeRequest, input);
  await requirePermission(orgId, actor.userId, STRIPE_PERMISSION, DENIED);
  const secretHint = webhookSecret.slice(-4);
  const created = await db.$transaction(async (tx) => {
    const existing = await tx.stripeIntegration.findUnique({ where: { orgId }, select: { orgId: true } });
    const secret = sealSecret(webhookSecret, SECRET_PURPOSE, orgId);
    await tx.stripeIntegration.upsert({
      where: { orgId },
      create: { orgId, endpointId: randomUrlToken(24), secret, secretHint, connectedById: actor.userId },
      update: { secret, secretHint, connectedById: actor.userId },
    });
    await recordAudit(tx, actor, {
      orgId,
      action: existing ? "stripe.secret_replaced" : "stripe.connected",
      target: { type: "stripe_integration", id: orgId, label: `whsec_…${secretHint}` },
    });
    return !existing;
  });
  return { state: await getStripeState(orgId), created };
}

export async function disconnectStripe(actor: Actor, orgId: string): Promise<void> {
  await requirePermission(orgId, actor.userId, STRIPE_PERMISSION, DENIED);
  await db.$transaction(async (tx) => {
    const { count } = await tx.stripeIntegration.deleteMany({ where: { orgId } });
    if (!count) throw new AppError("NOT_FOUND", "Stripe is not connected.");
    await recordAudit(tx, actor, { orgId, action: "stripe.disconnected", target: { type: "stripe_integration", id: orgId } });
  });
}

/** The connection (never the secret), the price mappings and the 20 latest events. */
export async function getStripeState(orgId: string): Promise<StripeState> {
  const [integration, events, mappings] = await Promise.all([
    db.stripeIntegration.findUnique({ where: { orgId } }),
    db.stripeEvent.findMany({ where: { orgId }, orderBy: [{ receivedAt: "desc" }, { id: "desc" }], take: 20 }),
    db.stripePriceMapping.findMany({
      where: { orgId },
      orderBy: { createdAt: "asc" },
      include: { product: { select: { slug: true, name: true } } },
    }),
  ]);
  return {
    connected: !!integration,
    webhookUrl: integration ? stripeWebhookUrl(integration.endpointId) : null,
    secretHint: integration ? `whsec_…${integration.secretHint}` : null,
    connectedAt: integration?.connectedAt.toISOString() ?? null,
    events: events.map((e) => ({
      id: e.id,
      eventId: e.eventId,
      type: e.type,
      livemode: e.livemode,
      outcome: e.outcome as StripeEventOutcome,
      reason: e.reason,
      email: e.email,
      purchaseId: e.purchaseId,
      receivedAt: e.receivedAt.toISOString(),
    })),
    mappings: mappings.map((m) => ({
      stripeId: m.stripeId,
      productId: m.product.slug,
      productName: m.product.name,
      version: m.version,
      createdAt: m.createdAt.toISOString(),
    })),
  };
}

/** The organisation and plain signing secret behind a webhook URL, or null for an unknown URL. */
export async function findWebhookEndpoint(endpointId: string): Promise<{ orgId: string; secret: string | null } | null> {
  const row = await db.stripeIntegration.findUnique({ where: { endpointId } });
  if (!row) return null;
  return { orgId: row.orgId, secret: openSecret(row.secret, SECRET_PURPOSE, row.orgId) };
}

/** Sales of `stripeId` (a price or Payment Link) deliver `productId`, at `version` or the active one. */
export async function setStripeMapping(actor: Actor, orgId: string, stripeIdInput: unknown, input: unknown) {
  const stripeId = parseOrThrow(stripeObjectId, stripeIdInput);
  const data = parseOrThrow(stripeMappingRequest, input);
  await requirePermission(orgId, actor.userId, STRIPE_PERMISSION, DENIED);
  const product = await db.product.findUnique({ where: { orgId_slug: { orgId, slug: data.productId } }, select: { id: true } });
  if (!product) throw new AppError("VALIDATION_FAILED", `No product "${data.productId}".`, { productId: ["No such product."] });
  const version = data.version ?? null;
  if (version && !(await db.productVersion.findUnique({ where: { productId_version: { productId: product.id, version } } }))) {
    throw new AppError("VALIDATION_FAILED", `Product "${data.productId}" has no version ${version}.`, { version: ["No such version."] });
  }
  await db.$transaction(async (tx) => {
    await tx.stripePriceMapping.upsert({
      where: { orgId_stripeId: { orgId, stripeId } },
      create: { orgId, stripeId, productId: product.id, version },
      update: { productId: product.id, version },
    });
    await recordAudit(tx, actor, {
      orgId,
      action: "stripe.mapping_set",
      target: { type: "stripe_price", id: stripeId, label: data.productId },
      metadata: { version },
    });
  });
  const state = await getStripeState(orgId);
  return state.mappings.find((m) => m.stripeId === stripeId)!;
}

export async function deleteStripeMapping(actor: Actor, orgId: string, stripeIdInput: unknown): Promise<void> {
  const stripeId = parseOrThrow(stripeObjectId, stripeIdInput);
  await requirePermission(orgId, actor.userId, STRIPE_PERMISSION, DENIED);
  await db.$transaction(async (tx) => {
    const { count } = await tx.stripePriceMapping.deleteMany({ where: { orgId, stripeId } });
    if (!count) throw notFound("Stripe price mapping");
    await recordAudit(tx, actor, { orgId, action: "stripe.mapping_deleted", target: { type: "stripe_price", id: stripeId } });
  });
}
