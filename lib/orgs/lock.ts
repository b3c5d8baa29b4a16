import type { Prisma } from "@/lib/generated/prisma/client";

/**
 * Serialises membership changes within one organisation: two owners demoting
 * each other at once must not leave the organisation without an owner.
 */
export async function lockOrganization(tx: Prisma.TransactionClient, orgId: string): Promise<boolean> {
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "Organization" WHERE id = ${orgId} FOR UPDATE`;
  return rows.length === 1;
}
