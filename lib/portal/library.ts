import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import { findLiveTokenById } from "@/lib/downloads/tokens";
import { mintPortalLink } from "./links";

/** A library token is reused while it has at least this long left, so a download started from it can finish. */
const REUSE_MARGIN_MS = 2 * 3_600_000;

/**
 * The buyer's library: every unrevoked purchase under their email, with the seller's name and the
 * files of the product's active version when the seller offers one (ready, product not archived).
 */
export async function buyerLibrary(email: string) {
  const purchases = await db.purchase.findMany({
    where: { email: email.toLowerCase(), revokedAt: null },
    orderBy: { createdAt: "desc" },
    include: {
      product: {
        select: {
          name: true,
          status: true,
          organization: { select: { name: true } },
          activeVersion: {
            select: { version: true, status: true, files: { orderBy: { name: "asc" }, select: { id: true, name: true, size: true } } },
          },
        },
      },
    },
  });
  return purchases.map((p) => {
    const v = p.product.activeVersion;
    const available = !!v && v.status === "ready" && p.product.status !== "archived";
    return {
      id: p.id,
      createdAt: p.createdAt,
      product: p.product.name,
      seller: p.product.organization.name,
      version: available ? v.version : null,
      files: available ? v.files.map((f) => ({ id: f.id, name: f.name, size: Number(f.size) })) : [],
    };
  });
}

/**
 * The live download token behind the library's buttons for one purchase: the buyer's own portal
 * token for the active version while it has a while left, else a fresh one (mintPortalLink: checks
 * the purchase is theirs and available, and limits how many a buyer mints per hour). Downloads
 * through it count exactly as through a /download link.
 */
export async function libraryToken(buyerEmail: string, purchaseId: string) {
  const email = buyerEmail.toLowerCase();
  const purchase = await db.purchase.findUnique({
    where: { id: purchaseId },
    select: {
      email: true,
      revokedAt: true,
      orgId: true,
      product: { select: { status: true, activeVersionId: true, activeVersion: { select: { status: true } } } },
    },
  });
  if (!purchase || purchase.revokedAt || purchase.email !== email) throw notFound("Purchase");
  const { product } = purchase;
  const available = product.activeVersionId && product.activeVersion?.status === "ready" && product.status !== "archived";
  const reusable = available
    ? await db.downloadToken.findFirst({
        where: {
          orgId: purchase.orgId,
          versionId: product.activeVersionId!,
          source: "portal",
          customerEmail: email,
          revokedAt: null,
          expiresAt: { gt: new Date(Date.now() + REUSE_MARGIN_MS) },
        },
        orderBy: { expiresAt: "desc" },
        select: { id: true },
      })
    : null;
  const id = reusable?.id ?? (await mintPortalLink(email, purchaseId, { email })).id;
  const live = await findLiveTokenById(id);
  if (!live) throw new AppError("CONFLICT", "This download is not available right now. Try again.");
  return live;
}
