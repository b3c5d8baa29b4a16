import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { emitWebhookEvent } from "@/lib/webhooks/events";

/**
 * A resume (a Range request past byte 0) of the same file through the same
 * token within this window after its last counted download is free, as long
 * as no response has yet carried the file's last byte: a dropped connection
 * near the end of a large file must not cost the buyer a download, but a
 * finished download cannot be fetched again for free. An hour covers a slow
 * multi-gigabyte download; a request from byte 0 always counts.
 */
export const RESUME_WINDOW_MS = 60 * 60_000;

/**
 * Counts one download of one file against the token's per-file limit,
 * atomically: two parallel requests at limit − 1 cannot both pass. False when
 * that file has no downloads left or the token is no longer live.
 */
export async function countFileDownload(tokenId: string, fileId: string, now = new Date()): Promise<boolean> {
  await db.downloadFileCount.createMany({ data: [{ tokenId, fileId, count: 0, countedAt: now }], skipDuplicates: true });
  return db.$transaction(async (tx) => {
    const rows = await tx.$queryRaw<{ count: number; orgId: string }[]>`
      UPDATE "DownloadFileCount" c SET "count" = c."count" + 1, "countedAt" = ${now}, "deliveredAt" = NULL
      FROM "DownloadToken" t
      WHERE c."tokenId" = ${tokenId} AND c."fileId" = ${fileId} AND t.id = c."tokenId"
        AND t."revokedAt" IS NULL AND t."expiresAt" > ${now}
        AND (t."maxDownloads" IS NULL OR c."count" < t."maxDownloads")
      RETURNING c."count", t."orgId"`;
    if (rows.length !== 1) return false;
    await tx.downloadToken.update({ where: { id: tokenId }, data: { downloadCount: { increment: 1 }, lastUsedAt: now } });
    // The first counted download of a file through a token is news for the seller's systems; repeats are not.
    if (rows[0].count === 1)
      await emitWebhookEvent(tx, rows[0].orgId, "download.completed", () => downloadEventData(tx, tokenId, fileId), now);
    return true;
  });
}

async function downloadEventData(tx: Prisma.TransactionClient, tokenId: string, fileId: string) {
  const token = await tx.downloadToken.findUniqueOrThrow({
    where: { id: tokenId },
    select: { customerEmail: true, source: true, version: { select: { version: true, product: { select: { slug: true, name: true } } } } },
  });
  const file = await tx.productFile.findUniqueOrThrow({ where: { id: fileId }, select: { id: true, name: true, size: true } });
  return {
    // The token's id, never the token: it is a download key.
    tokenId,
    tokenSource: token.source,
    email: token.customerEmail,
    productId: token.version.product.slug,
    productName: token.version.product.name,
    version: token.version.version,
    file: { id: file.id, name: file.name, size: Number(file.size) },
  };
}

/** True when this token counted a download of this file within the resume window. */
export async function mayResume(tokenId: string, fileId: string, now = new Date()): Promise<boolean> {
  const row = await db.downloadFileCount.findUnique({
    where: { tokenId_fileId: { tokenId, fileId } },
    select: { count: true, countedAt: true, deliveredAt: true },
  });
  return !!row && row.count > 0 && row.deliveredAt === null && now.getTime() - row.countedAt.getTime() < RESUME_WINDOW_MS;
}

/** A response carried the file's last byte: nothing left to resume until the next counted download. */
export async function markDelivered(tokenId: string, fileId: string, now = new Date()): Promise<void> {
  await db.downloadFileCount.updateMany({ where: { tokenId, fileId }, data: { deliveredAt: now } });
}

/** Downloads left per file id (null: no limit). */
export async function remainingByFile(
  token: { id: string; maxDownloads: number | null },
  fileIds: string[],
): Promise<Map<string, number | null>> {
  const max = token.maxDownloads;
  if (max === null) return new Map(fileIds.map((id) => [id, null]));
  const rows = await db.downloadFileCount.findMany({ where: { tokenId: token.id }, select: { fileId: true, count: true } });
  const used = new Map(rows.map((r) => [r.fileId, r.count]));
  return new Map(fileIds.map((id) => [id, Math.max(0, max - (used.get(id) ?? 0))]));
}

/** A limited token is spent when every file of its version has used up its downloads. */
export async function isSpent(token: { id: string; maxDownloads: number | null }, fileIds: string[]): Promise<boolean> {
  if (token.maxDownloads === null || fileIds.length === 0) return false;
  const left = await remainingByFile(token, fileIds);
  return [...left.values()].every((n) => n === 0);
}

/**
 * mayResume for a download the app hands to the storage (S3 redirect), which
 * never sees the last byte leave: the free resume is taken and the file marked
 * delivered in one statement, so each counted download allows one free resume
 * (two parallel requests cannot both have it), and the one after counts.
 */
export async function claimResume(tokenId: string, fileId: string, now = new Date()): Promise<boolean> {
  const { count } = await db.downloadFileCount.updateMany({
    where: { tokenId, fileId, count: { gt: 0 }, deliveredAt: null, countedAt: { gt: new Date(now.getTime() - RESUME_WINDOW_MS) } },
    data: { deliveredAt: now },
  });
  return count === 1;
}
