-- AlterTable
ALTER TABLE "ApiKey" ADD COLUMN     "rateLimitPerMinute" INTEGER;

-- AlterTable
ALTER TABLE "Organization" ADD COLUMN     "rateLimitPerMinute" INTEGER,
ADD COLUMN     "requestRetentionDays" INTEGER NOT NULL DEFAULT 30;

-- CreateTable
CREATE TABLE "RequestLog" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestId" TEXT NOT NULL,
    "method" TEXT NOT NULL,
    "path" TEXT NOT NULL,
    "query" TEXT,
    "status" INTEGER NOT NULL,
    "statusClass" INTEGER NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "keyId" TEXT,
    "keyName" TEXT,
    "userId" TEXT,
    "ip" TEXT,
    "userAgent" TEXT,
    "requestHeaders" JSONB,
    "requestBody" TEXT,
    "requestBodyTruncated" BOOLEAN NOT NULL DEFAULT false,
    "responseBody" TEXT,
    "responseBodyTruncated" BOOLEAN NOT NULL DEFAULT false,

    CONSTRAINT "RequestLog_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "RequestLog_orgId_createdAt_id_idx" ON "RequestLog"("orgId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "RequestLog_orgId_statusClass_createdAt_id_idx" ON "RequestLog"("orgId", "statusClass", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "RequestLog_orgId_keyId_createdAt_id_idx" ON "RequestLog"("orgId", "keyId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "RequestLog_orgId_userId_createdAt_id_idx" ON "RequestLog"("orgId", "userId", "createdAt" DESC, "id" DESC);

-- CreateIndex
CREATE INDEX "RequestLog_requestId_idx" ON "RequestLog"("requestId");

-- CreateIndex
CREATE INDEX "RequestLog_createdAt_idx" ON "RequestLog"("createdAt");

-- AddForeignKey
ALTER TABLE "RequestLog" ADD CONSTRAINT "RequestLog_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- verify_api_key() also returns the key's effective per-minute rate limit.
DROP FUNCTION verify_api_key(text);
CREATE FUNCTION verify_api_key(key_hash text)
RETURNS TABLE (
  id text, name text, kind text, scopes text[], "orgId" text, "userId" text,
  "expiresAt" timestamp(3), "disabledAt" timestamp(3), "revokedAt" timestamp(3), "lastUsedAt" timestamp(3),
  "orgSlug" text, "orgName" text, "orgActive" boolean, "userEmail" text, role text,
  "rateLimitPerMinute" integer
)
LANGUAGE plpgsql STABLE
AS $$
BEGIN
  RETURN QUERY
  SELECT k.id, k.name, k.kind::text, k.scopes, k."orgId", k."userId",
         k."expiresAt", k."disabledAt", k."revokedAt", k."lastUsedAt",
         o.slug, o.name, o.active, u.email, m.role::text,
         COALESCE(k."rateLimitPerMinute", o."rateLimitPerMinute")
  FROM "ApiKey" k
  JOIN "Organization" o ON o.id = k."orgId"
  JOIN "User" u ON u.id = k."userId"
  LEFT JOIN "Membership" m ON m."orgId" = k."orgId" AND m."userId" = k."userId"
  WHERE k.hash = key_hash;
END
$$;
