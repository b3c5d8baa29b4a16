-- AlterTable
ALTER TABLE "ProductVersion" ADD COLUMN     "releasedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "DownloadFileCount" (
    "tokenId" TEXT NOT NULL,
    "fileId" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "countedAt" TIMESTAMP(3) NOT NULL,
    "deliveredAt" TIMESTAMP(3),

    CONSTRAINT "DownloadFileCount_pkey" PRIMARY KEY ("tokenId","fileId")
);

-- CreateIndex
CREATE INDEX "DownloadFileCount_fileId_idx" ON "DownloadFileCount"("fileId");

-- AddForeignKey
ALTER TABLE "DownloadFileCount" ADD CONSTRAINT "DownloadFileCount_tokenId_fkey" FOREIGN KEY ("tokenId") REFERENCES "DownloadToken"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DownloadFileCount" ADD CONSTRAINT "DownloadFileCount_fileId_fkey" FOREIGN KEY ("fileId") REFERENCES "ProductFile"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill: a version that is active or has a token has been released.
UPDATE "ProductVersion" v SET "releasedAt" = COALESCE(
  (SELECT MIN(t."createdAt") FROM "DownloadToken" t WHERE t."versionId" = v.id),
  CURRENT_TIMESTAMP)
WHERE EXISTS (SELECT 1 FROM "DownloadToken" t WHERE t."versionId" = v.id)
   OR EXISTS (SELECT 1 FROM "Product" p WHERE p."activeVersionId" = v.id);

-- Backfill per-file counts from the recorded downloads. Resumes were recorded too, so this
-- may count more than the old rule did: capped at the token's limit, it never grants more.
INSERT INTO "DownloadFileCount" ("tokenId", "fileId", "count", "countedAt", "deliveredAt")
SELECT d."tokenId", d."fileId", LEAST(COUNT(*), COALESCE(MAX(t."maxDownloads"), COUNT(*)))::int, MAX(d."createdAt"), MAX(d."createdAt")
FROM "Download" d JOIN "DownloadToken" t ON t.id = d."tokenId"
GROUP BY d."tokenId", d."fileId";
