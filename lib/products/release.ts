import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

export const releasedError = (version: string) =>
  new AppError(
    "CONFLICT",
    `Version ${version} has been released (activated or delivered through a download link): its files can no longer change. ` +
      "Publish a new version with the corrected files instead.",
  );

/**
 * Locks the version row for a change of its files and says whether it has been
 * released. Minting and activating take the same row lock (markReleased), so a
 * token minted while an upload is finishing cannot let a replacement slip through.
 */
export async function lockVersionFiles(tx: Prisma.TransactionClient, versionId: string): Promise<{ released: boolean; files: number }> {
  const rows = await tx.$queryRaw<{ released: boolean; files: number }[]>`
    SELECT "releasedAt" IS NOT NULL AS released,
           (SELECT COUNT(*)::int FROM "ProductFile" f WHERE f."versionId" = v.id) AS files
    FROM "ProductVersion" v WHERE v.id = ${versionId} FOR UPDATE`;
  if (!rows.length) throw new AppError("NOT_FOUND", "Version not found.");
  return rows[0];
}

/** Marks a ready version released (first activation or first token); false when it is not ready. */
export async function markReleased(tx: Prisma.TransactionClient, versionId: string, now = new Date()): Promise<boolean> {
  const n = await tx.$executeRaw`
    UPDATE "ProductVersion" SET "releasedAt" = COALESCE("releasedAt", ${now})
    WHERE id = ${versionId} AND status = 'ready'`;
  return n === 1;
}
