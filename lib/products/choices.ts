import { db } from "@/lib/db/client";

/**
 * The organisation's products with their ready versions, for pickers (purchases, filters).
 * Archived products come last: a purchase of one is rare but possible.
 */
export async function productChoices(orgId: string) {
  const rows = await db.product.findMany({
    where: { orgId },
    orderBy: [{ name: "asc" }],
    take: 500,
    select: {
      slug: true,
      name: true,
      status: true,
      activeVersion: { select: { version: true } },
      versions: { where: { status: "ready" }, orderBy: { createdAt: "desc" }, select: { version: true }, take: 50 },
    },
  });
  return rows.sort((a, b) => Number(a.status === "archived") - Number(b.status === "archived"));
}
