-- Every change that can alter what verify_api_key() or verify_oauth_client()
-- answers sends a NOTIFY on "continuata_credentials" at commit
-- (lib/auth/credential-cache.ts empties its cache on each). NOTIFY folds
-- identical notices within a transaction, so a bulk change sends one per table.
CREATE FUNCTION notify_credentials_changed() RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
  PERFORM pg_notify('continuata_credentials', TG_TABLE_NAME);
  RETURN NULL;
END
$$;

CREATE TRIGGER "Organization_notify_credentials" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Organization"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_credentials_changed();
CREATE TRIGGER "User_notify_credentials" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "User"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_credentials_changed();
CREATE TRIGGER "Membership_notify_credentials" AFTER INSERT OR UPDATE OR DELETE OR TRUNCATE ON "Membership"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_credentials_changed();

-- Keys and clients: a new row cannot make a cached answer wrong (lookups of
-- unknown credentials are not cached), and the once-a-minute "last used"
-- stamp must not empty the cache; any other change does.
CREATE TRIGGER "ApiKey_notify_credentials_update" AFTER UPDATE ON "ApiKey"
  FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'lastUsedAt' - 'lastUsedIp') IS DISTINCT FROM (to_jsonb(NEW) - 'lastUsedAt' - 'lastUsedIp'))
  EXECUTE FUNCTION notify_credentials_changed();
CREATE TRIGGER "ApiKey_notify_credentials_delete" AFTER DELETE OR TRUNCATE ON "ApiKey"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_credentials_changed();
CREATE TRIGGER "OAuthClient_notify_credentials_update" AFTER UPDATE ON "OAuthClient"
  FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'lastUsedAt') IS DISTINCT FROM (to_jsonb(NEW) - 'lastUsedAt'))
  EXECUTE FUNCTION notify_credentials_changed();
CREATE TRIGGER "OAuthClient_notify_credentials_delete" AFTER DELETE OR TRUNCATE ON "OAuthClient"
  FOR EACH STATEMENT EXECUTE FUNCTION notify_credentials_changed();
