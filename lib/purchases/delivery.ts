import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { appUrl } from "@/lib/config/app";
import { requirePermission } from "@/lib/orgs/access";
import { parseOrThrow } from "@/lib/validation/parse";
import { mintDownloadToken } from "@/lib/downloads/tokens";
import { deliveryMail } from "@/lib/mail/delivery-template";
import { sendMail } from "@/lib/mail/send";

export type DeliveryResult = { emailSent: true; emailReason: null } | { emailSent: false; emailReason: string };

export const NO_READY_VERSION = "The product has no active version with files, so there is no link to send; the purchase is recorded.";
export const MAIL_FAILED = "The email could not be sent; the purchase is recorded.";

const notSent = (emailReason: string): DeliveryResult => ({ emailSent: false, emailReason });

/**
 * Emails the buyer their purchase: product, seller, a fresh 24-hour link to the
 * active version, and /my for later. `link` reuses a link just minted for them
 * (the dashboard's token dialog). Never throws: the purchase is already stored,
 * so a failure is reported, not raised, and the link never reaches a log line.
 */
export async function sendDeliveryEmail(
  purchase: { orgId: string; productId: string; email: string },
  link?: { url: string; expiresAt: Date },
): Promise<DeliveryResult> {
  try {
    const product = await db.product.findUniqueOrThrow({
      where: { id: purchase.productId },
      include: { organization: { select: { name: true, deliveryMessage: true } }, activeVersion: true },
    });
    if (!link) {
      const active = product.activeVersion;
      if (!active || active.status !== "ready") return notSent(NO_READY_VERSION);
      try {
        link = await mintDownloadToken({
          orgId: purchase.orgId,
          productSlug: product.slug,
          version: active.version,
          source: "email",
          options: { email: purchase.email },
        });
      } catch (err) {
        if (err instanceof AppError) return notSent(NO_READY_VERSION);
        throw err;
      }
    }
    await sendMail(
      deliveryMail({
        to: purchase.email,
        productName: product.name,
        sellerName: product.organization.name,
        message: product.organization.deliveryMessage,
        downloadUrl: link.url,
        expiresAt: link.expiresAt,
        portalUrl: `${appUrl()}/my`,
      }),
    );
    return { emailSent: true, emailReason: null };
  } catch (err) {
    // The error text of a mail transport may quote the message; log its kind only.
    console.error(`[delivery] email for product ${purchase.productId} failed: ${err instanceof Error ? err.name : "error"}`);
    return notSent(MAIL_FAILED);
  }
}

export const deliveryMessageSchema = z.object({
  deliveryMessage: z
    .string("deliveryMessage must be text.")
    .trim()
    .max(500, "Use at most 500 characters.")
    .transform((s) => s || null)
    .nullable(),
});

/** The seller's note in every delivery email (owners and admins; empty clears it). */
export async function setDeliveryMessage(actor: Actor, orgId: string, input: unknown) {
  const { deliveryMessage } = parseOrThrow(deliveryMessageSchema, input);
  await requirePermission(orgId, actor.userId, "org.settings", "Only owners and admins can change organisation settings.");
  await db.organization.update({ where: { id: orgId }, data: { deliveryMessage } });
  return deliveryMessage;
}

/** The dashboard minted `link` for a customer and asked to email it to them. */
export async function emailMintedLink(orgId: string, productSlug: string, email: string, link: { url: string; expiresAt: Date }) {
  const product = await db.product.findUniqueOrThrow({ where: { orgId_slug: { orgId, slug: productSlug } }, select: { id: true } });
  return sendDeliveryEmail({ orgId, productId: product.id, email }, link);
}
