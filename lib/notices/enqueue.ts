import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";

/**
 * In the activation's transaction: one notice for the new version and one pending
 * mail per distinct buyer (unrevoked purchases of the product), for the worker to send.
 * Returns the notice, or null when there is nobody to tell.
 */
export async function enqueueVersionNotice(
  tx: Prisma.TransactionClient,
  v: { orgId: string; productId: string; versionId: string; createdById: string | null },
): Promise<{ id: string; total: number } | null> {
  const notice = await tx.versionNotice.create({ data: { ...v, total: 0 } });
  const total = await tx.$executeRaw`
    INSERT INTO "VersionNoticeMail" (id, "noticeId", email, "nextAttemptAt")
    SELECT gen_random_uuid()::text, ${notice.id}, email, now()
    FROM (SELECT DISTINCT email FROM "Purchase" WHERE "productId" = ${v.productId} AND "revokedAt" IS NULL) buyers`;
  if (!total) {
    await tx.versionNotice.delete({ where: { id: notice.id } });
    return null;
  }
  await tx.versionNotice.update({ where: { id: notice.id }, data: { total } });
  return { id: notice.id, total };
}

/** Distinct buyers a notice for this product would reach now. */
export async function countBuyers(productId: string): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`
    SELECT COUNT(DISTINCT email)::int AS n FROM "Purchase" WHERE "productId" = ${productId} AND "revokedAt" IS NULL`;
  return row.n;
}
