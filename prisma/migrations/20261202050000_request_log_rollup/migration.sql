-- Requests counted per 30 minutes, per credential and outcome (lib/request-log/rollup.ts):
-- the charts read this instead of counting log rows. Filled from the rows already kept.
CREATE TABLE "RequestLogRollup" (
    "orgId" TEXT NOT NULL,
    "bucket" TIMESTAMP(3) NOT NULL,
    "keyId" TEXT NOT NULL DEFAULT '',
    "userId" TEXT NOT NULL DEFAULT '',
    "statusClass" INTEGER NOT NULL,
    "limited" BOOLEAN NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "RequestLogRollup_pkey" PRIMARY KEY ("orgId","bucket","keyId","userId","statusClass","limited")
);

ALTER TABLE "RequestLogRollup" ADD CONSTRAINT "RequestLogRollup_orgId_fkey" FOREIGN KEY ("orgId") REFERENCES "Organization"("id") ON DELETE CASCADE ON UPDATE CASCADE;

INSERT INTO "RequestLogRollup" ("orgId", "bucket", "keyId", "userId", "statusClass", "limited", "count")
SELECT "orgId", date_bin('30 minutes', "createdAt", TIMESTAMP '2000-01-01'), coalesce("keyId", ''), coalesce("userId", ''), "statusClass", status = 429, count(*)
FROM "RequestLog"
GROUP BY 1, 2, 3, 4, 5, 6;
