-- The bearer-auth lookup, on every API call: the key by hash, its organisation,
-- its user and that user's current role. A plpgsql function keeps its query
-- plan per connection, so the four-table join is planned once, not per request
-- (measured: about half the cost on PGlite). Rows are read live: no caching.
CREATE FUNCTION verify_api_key(key_hash text)
RETURNS TABLE (
  id text, name text, kind text, scopes text[], "orgId" text, "userId" text,
  "expiresAt" timestamp(3), "disabledAt" timestamp(3), "revokedAt" timestamp(3), "lastUsedAt" timestamp(3),
  "orgSlug" text, "orgName" text, "orgActive" boolean, "userEmail" text, role text
)
LANGUAGE plpgsql STABLE
AS $$
BEGIN
  RETURN QUERY
  SELECT k.id, k.name, k.kind::text, k.scopes, k."orgId", k."userId",
         k."expiresAt", k."disabledAt", k."revokedAt", k."lastUsedAt",
         o.slug, o.name, o.active, u.email, m.role::text
  FROM "ApiKey" k
  JOIN "Organization" o ON o.id = k."orgId"
  JOIN "User" u ON u.id = k."userId"
  LEFT JOIN "Membership" m ON m."orgId" = k."orgId" AND m."userId" = k."userId"
  WHERE k.hash = key_hash;
END
$$;
