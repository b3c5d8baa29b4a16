import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { mintDownloadToken } from "@/lib/downloads/tokens";
import { checkRateLimit } from "@/lib/ratelimit/limiter";
import { RateLimitedError } from "@/lib/ratelimit/policies";

export const PORTAL_LINKS_PER_HOUR = 20;

/**
 * A buyer's fresh 24-hour link for one of their purchases, any time: the
 * purchase must be theirs (by email) and not revoked, and the product must
 * have a ready active version. Limited per buyer.
 */
export async function mintPortalLink(buyerEmail: string, purchaseId: string, options: { email?: string } = {}) {
  const purchase = await db.purchase.findUnique({ where: { id: purchaseId }, include: { product: { include: { activeVersion: true } } } });
  if (!purchase || purchase.revokedAt || purchase.email !== buyerEmail.toLowerCase()) throw notFound("Purchase");
  const active = purchase.product.activeVersion;
  if (!active || active.status !== "ready" || purchase.product.status === "archived") {
    throw new AppError("CONFLICT", "The seller has no download available for this product right now. Try again later.");
  }
  const limited = await checkRateLimit(`portal:${buyerEmail.toLowerCase()}`, PORTAL_LINKS_PER_HOUR, 3_600_000);
  if (!limited.success) throw new RateLimitedError("You have asked for many links in the last hour. Try again later.", limited);
  return mintDownloadToken({
    orgId: purchase.orgId,
    productSlug: purchase.product.slug,
    version: active.version,
    source: "portal",
    options,
  });
}
