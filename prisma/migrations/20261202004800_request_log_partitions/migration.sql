-- The request log partitioned by day on "createdAt" (lib/request-log/partitions.ts):
-- the app creates each day's partition ahead, drops whole days past the longest
-- retention in use, and deletes the rows of organisations with a shorter
-- retention in bounded batches. The default partition takes any row whose day
-- has no partition yet, so an insert never fails. The primary key includes the
-- partition key, as PostgreSQL requires. Existing rows are kept.

ALTER TABLE "RequestLog" RENAME TO "RequestLog_unpartitioned";
ALTER TABLE "RequestLog_unpartitioned" RENAME CONSTRAINT "RequestLog_pkey" TO "RequestLog_unpartitioned_pkey";
ALTER TABLE "RequestLog_unpartitioned" DROP CONSTRAINT "RequestLog_orgId_fkey";
DROP INDEX "RequestLog_orgId_createdAt_id_idx";
DROP INDEX "RequestLog_orgId_statusClass_createdAt_id_idx";
DROP INDEX "RequestLog_orgId_keyId_createdAt_id_idx";
DROP INDEX "RequestLog_orgId_userId_createdAt_id_idx";
DROP INDEX "RequestLog_requestId_idx";
DROP INDEX "RequestLog_createdAt_idx";

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

    CONSTRAINT "RequestLog_pkey" PRIMARY KEY ("id", "createdAt")
) PARTITION BY RANGE ("createdAt");

CREATE TABLE "RequestLog_default" PARTITION OF "RequestLog" DEFAULT;

-- The viewer's filters: newest first (also method, path, 2xx and the chart), by status
-- class, by status class and method, by key, by user (members), by request id.
-- The index on "createdAt" alone served the hourly DELETE; whole days now go with their partition.
CREATE INDEX "RequestLog_orgId_createdAt_id_idx" ON "RequestLog"("orgId", "createdAt" DESC, "id" DESC);
CREATE INDEX "RequestLog_orgId_statusClass_createdAt_id_idx" ON "RequestLog"("orgId", "statusClass", "createdAt" DESC, "id" DESC);
CREATE INDEX "RequestLog_orgId_method_statusClass_createdAt_id_idx" ON "RequestLog"("orgId", "method", "statusClass", "createdAt" DESC, "id" DESC);
CREATE INDEX "RequestLog_orgId_keyId_createdAt_id_idx" ON "RequestLog"("orgId", "keyId", "createdAt" DESC, "id" DESC);
CREATE INDEX "RequestLog_orgId_userId_createdAt_id_idx" ON "RequestLog"("orgId", "userId", "createdAt" DESC, "id" DESC);
CREATE INDEX "RequestLog_requestId_idx" ON "RequestLog"("requestId");

ALTER TABLE "RequestLog" ADD CONSTRAINT "RequestLog_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- One day's partition, "RequestLog_pYYYYMMDD" for [day, day + 1) in UTC; false if it
-- exists. Rows of that day already in the default partition move into it. Instances
-- creating the same day at once take turns on an advisory lock.
CREATE FUNCTION request_log_add_partition(day date) RETURNS boolean
LANGUAGE plpgsql
AS $$
DECLARE
  part text := 'RequestLog_p' || to_char(day, 'YYYYMMDD');
  lo timestamp := day;
  hi timestamp := day + 1;
BEGIN
  IF to_regclass(quote_ident(part)) IS NOT NULL THEN
    RETURN false;
  END IF;
  PERFORM pg_advisory_xact_lock(hashtext('RequestLog partitions'));
  IF to_regclass(quote_ident(part)) IS NOT NULL THEN
    RETURN false;
  END IF;
  IF EXISTS (SELECT 1 FROM "RequestLog_default" WHERE "createdAt" >= lo AND "createdAt" < hi) THEN
    EXECUTE format('CREATE TABLE %I (LIKE "RequestLog" INCLUDING DEFAULTS)', part);
    EXECUTE format(
      'WITH moved AS (DELETE FROM "RequestLog_default" WHERE "createdAt" >= %L AND "createdAt" < %L RETURNING *) INSERT INTO %I SELECT * FROM moved',
      lo, hi, part);
    EXECUTE format('ALTER TABLE "RequestLog" ATTACH PARTITION %I FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
  ELSE
    EXECUTE format('CREATE TABLE %I PARTITION OF "RequestLog" FOR VALUES FROM (%L) TO (%L)', part, lo, hi);
  END IF;
  RETURN true;
END
$$;

DO $$
DECLARE
  d date;
BEGIN
  FOR d IN SELECT DISTINCT date_trunc('day', "createdAt")::date FROM "RequestLog_unpartitioned" LOOP
    PERFORM request_log_add_partition(d);
  END LOOP;
  FOR d IN SELECT generate_series(now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC' + interval '3 days', interval '1 day')::date LOOP
    PERFORM request_log_add_partition(d);
  END LOOP;
END
$$;

INSERT INTO "RequestLog" SELECT * FROM "RequestLog_unpartitioned";
DROP TABLE "RequestLog_unpartitioned";
