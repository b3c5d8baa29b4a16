-- The credential lookups are read by the raw driver on the hot path (see
-- lib/db/adapter.ts). `timestamp` columns come back from node-postgres and
-- PGlite in the process's local time zone; `timestamptz` is unambiguous.
-- Prisma stores every timestamp in UTC, so the conversion is AT TIME ZONE 'UTC'.
DROP FUNCTION verify_api_key(text);
CREATE FUNCTION verify_api_key(key_hash text)
RETURNS TABLE (
  id text, name text, kind text, scopes text[], "orgId" text, "userId" text,
  "expiresAt" timestamptz, "disabledAt" timestamptz, "revokedAt" timestamptz, "lastUsedAt" timestamptz,
  "orgSlug" text, "orgName" text, "orgActive" boolean, "userEmail" text, role text,
  "rateLimitPerMinute" integer
)
LANGUAGE plpgsql STABLE
AS $$
BEGIN
  RETURN QUERY
  SELECT k.id, k.name, k.kind::text, k.scopes, k."orgId", k."userId",
         k."expiresAt" AT TIME ZONE 'UTC', k."disabledAt" AT TIME ZONE 'UTC',
         k."revokedAt" AT TIME ZONE 'UTC', k."lastUsedAt" AT TIME ZONE 'UTC',
         o.slug, o.name, o.active, u.email, m.role::text,
         COALESCE(k."rateLimitPerMinute", o."rateLimitPerMinute")
  FROM "ApiKey" k
  JOIN "Organization" o ON o.id = k."orgId"
  JOIN "User" u ON u.id = k."userId"
  LEFT JOIN "Membership" m ON m."orgId" = k."orgId" AND m."userId" = k."userId"
  WHERE k.hash = key_hash;
END
$$;

DROP FUNCTION verify_oauth_client(text);
CREATE FUNCTION verify_oauth_client(client_row_id text)
RETURNS TABLE (
  id text, name text, scopes text[], "orgId" text, "userId" text,
  "disabledAt" timestamptz, "deletedAt" timestamptz, "lastUsedAt" timestamptz,
  "orgSlug" text, "orgName" text, "orgActive" boolean, "userEmail" text, role text,
  "rateLimitPerMinute" integer
)
LANGUAGE plpgsql STABLE
AS $$
BEGIN
  RETURN QUERY
  SELECT c.id, c.name, c.scopes, c."orgId", c."userId",
         c."disabledAt" AT TIME ZONE 'UTC', c."deletedAt" AT TIME ZONE 'UTC', c."lastUsedAt" AT TIME ZONE 'UTC',
         o.slug, o.name, o.active, u.email, m.role::text,
         COALESCE(c."rateLimitPerMinute", o."rateLimitPerMinute")
  FROM "OAuthClient" c
  JOIN "Organization" o ON o.id = c."orgId"
  JOIN "User" u ON u.id = c."userId"
  LEFT JOIN "Membership" m ON m."orgId" = c."orgId" AND m."userId" = c."userId"
  WHERE c.id = client_row_id;
END
$$;
