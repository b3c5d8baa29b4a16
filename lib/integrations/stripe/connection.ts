import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
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
 * The webhook URL exists before the secret (Stripe issues the secret for a URL), so it is
 * made on first need. Replacing the secret (Stripe's "Roll secret") keeps the URL; a
 * disconnect forgets both, so the old URL stops answering.
 */
async function ensureEndpoint(orgId: string) {
  const existing = await db.stripeIntegration.findUnique({ where: { orgId } });
  if (existing) return existing;
  // Two first page views at once make one URL: the loser of the insert race reads the winner's row
  // (Prisma's upsert is not ON CONFLICT here and lets PostgreSQL's unique violation through).
  try {
    return await db.stripeIntegration.upsert({ where: { orgId }, create: { orgId, endpointId: randomUrlToken(24) }, update: {} });
  } catch (err) {
    if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")) throw err;
    return db.stripeIntegration.findUniqueOrThrow({ where: { orgId } });
  }
}

/** Stores the signing secret, encrypted; `created` when Stripe was not connected before. */
export async function connectStripe(actor: Actor, orgId: string, input: unknown): Promise<{ state: StripeState; created: boolean }> {
  const { webhookSecret } = parseOrThrow(connectStripeRequest, input);
  await requirePermission(orgId, actor.userId, STRIPE_PERMISSION, DENIED);
  await ensureEndpoint(orgId);
  const secretHint = webhookSecret.slice(-4);
  const created = await db.$transaction(async (tx) => {
    const before = await tx.stripeIntegration.findUniqueOrThrow({ where: { orgId }, select: { secret: true } });
    await tx.stripeIntegration.update({
      where: { orgId },
      data: {
        secret: sealSecret(webhookSecret, SECRET_PURPOSE, orgId),
        secretHint,
        connectedById: actor.userId,
        ...(before.secret ? {} : { connectedAt: new Date() }),
      },
    });
    await recordAudit(tx, actor, {
      orgId,
      action: before.secret ? "stripe.secret_replaced" : "stripe.connected",
      target: { type: "stripe_integration", id: orgId, label: `whsec_…${secretHint}` },
    });
    return !before.secret;
  });
  return { state: await getStripeState(actor, orgId), created };
}

export async function disconnectStripe(actor: Actor, orgId: string): Promise<void> {
  await requirePermission(orgId, actor.userId, STRIPE_PERMISSION, DENIED);
  await db.$transaction(async (tx) => {
    const { count } = await tx.stripeIntegration.deleteMany({ where: { orgId, secret: { not: null } } });
    if (!count) throw new AppError("NOT_FOUND", "Stripe is not connected.");
    await recordAudit(tx, actor, { orgId, action: "stripe.disconnected", target: { type: "stripe_integration", id: orgId } });
  });
}

/** The connection (never the secret), the price mappings and the 20 latest events. */
export async function getStripeState(actor: Actor, orgId: string): Promise<StripeState> {
  await requirePermission(orgId, actor.userId, STRIPE_PERMISSION, DENIED);
  const [integration, events, mappings] = await Promise.all([
    ensureEndpoint(orgId),
    db.stripeEvent.findMany({ where: { orgId }, orderBy: [{ receivedAt: "desc" }, { id: "desc" }], take: 20 }),
    db.stripePriceMapping.findMany({
      where: { orgId },
      orderBy: { createdAt: "asc" },
      include: { product: { select: { slug: true, name: true } } },
    }),
  ]);
  const connected = !!integration.secret;
  return {
    connected,
    webhookUrl: stripeWebhookUrl(integration.endpointId),
    secretHint: connected && integration.secretHint ? `whsec_…${integration.secretHint}` : null,
    connectedAt: connected ? (integration.connectedAt?.toISOString() ?? null) : null,
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
export async function findWebhookEndpoint(endpointId: string): Promise<{ orgId: string; secret: string | null; pending: boolean } | null> {
  const row = await db.stripeIntegration.findUnique({ where: { endpointId } });
  if (!row) return null;
  if (!row.secret) return { orgId: row.orgId, secret: null, pending: true };
  return { orgId: row.orgId, secret: openSecret(row.secret, SECRET_PURPOSE, row.orgId), pending: false };
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
  const state = await getStripeState(actor, orgId);
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
