-- CreateTable
CREATE TABLE "OAuthClient" (
    "id" TEXT NOT NULL,
    "orgId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "clientId" TEXT NOT NULL,
    "secretHash" TEXT NOT NULL,
    "secretHint" TEXT NOT NULL,
    "previousSecretHash" TEXT,
    "previousSecretExpiresAt" TIMESTAMP(3),
    "scopes" TEXT[],
    "userId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastUsedAt" TIMESTAMP(3),
    "disabledAt" TIMESTAMP(3),
    "deletedAt" TIMESTAMP(3),
    "rateLimitPerMinute" INTEGER,

    CONSTRAINT "OAuthClient_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "OAuthClient_clientId_key" ON "OAuthClient"("clientId");

-- CreateIndex
CREATE INDEX "OAuthClient_orgId_createdAt_idx" ON "OAuthClient"("orgId", "createdAt" DESC);

-- AddForeignKey
ALTER TABLE "OAuthClient" ADD CONSTRAINT "OAuthClient_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OAuthClient" ADD CONSTRAINT "OAuthClient_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The state an access token needs checked on every use, in one planned-once
-- query: the client, its organisation, and the acting user's role there now.
CREATE FUNCTION verify_oauth_client(client_row_id text)
RETURNS TABLE (
  id text, name text, scopes text[], "orgId" text, "userId" text,
  "disabledAt" timestamp(3), "deletedAt" timestamp(3), "lastUsedAt" timestamp(3),
  "orgSlug" text, "orgName" text, "orgActive" boolean, "userEmail" text, role text,
  "rateLimitPerMinute" integer
)
LANGUAGE plpgsql STABLE
AS $$
BEGIN
  RETURN QUERY
  SELECT c.id, c.name, c.scopes, c."orgId", c."userId",
         c."disabledAt", c."deletedAt", c."lastUsedAt",
         o.slug, o.name, o.active, u.email, m.role::text,
         COALESCE(c."rateLimitPerMinute", o."rateLimitPerMinute")
  FROM "OAuthClient" c
  JOIN "Organization" o ON o.id = c."orgId"
  JOIN "User" u ON u.id = c."userId"
  LEFT JOIN "Membership" m ON m."orgId" = c."orgId" AND m."userId" = c."userId"
  WHERE c.id = client_row_id;
END
$$;
