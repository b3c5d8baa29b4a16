import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";

/** The rollup's grain. Chart buckets that are a multiple of it (30 min, 4 h, 12 h, a day) read the rollup. */
export const ROLLUP_MINUTES = 30;

const BUCKET = `date_bin('${ROLLUP_MINUTES} minutes', "createdAt", TIMESTAMP '2000-01-01')`;
const GROUPED = `"orgId", ${BUCKET}, coalesce("keyId", ''), coalesce("userId", ''), "statusClass", status = 429`;
const COLUMNS = `"orgId", bucket, "keyId", "userId", "statusClass", limited, count`;

/**
 * Wraps the log writer's INSERT so that the same statement adds its rows to the
 * rollup: counted exactly when the rows are stored, never otherwise. Rows in a
 * fixed order, so that two instances upserting the same buckets lock them alike.
 */
export function withRollup(insertLogRows: string): string {
  return `WITH ins AS (${insertLogRows} RETURNING "orgId", "createdAt", "keyId", "userId", "statusClass", status)
  INSERT INTO "RequestLogRollup" (${COLUMNS})
  SELECT ${GROUPED}, count(*) FROM ins GROUP BY 1, 2, 3, 4, 5, 6 ORDER BY 1, 2, 3, 4, 5, 6
  ON CONFLICT ("orgId", bucket, "keyId", "userId", "statusClass", limited)
  DO UPDATE SET count = "RequestLogRollup".count + EXCLUDED.count`;
}

/**
 * Counts an organisation's rollup again from its log rows: for rows written other than by
 * the log writer (the demo's, a test's). Replaces what was there.
 */
export async function recountRollup(orgId: string) {
  await db.$transaction([
    db.$executeRaw`DELETE FROM "RequestLogRollup" WHERE "orgId" = ${orgId}`,
    db.$executeRawUnsafe(
      `INSERT INTO "RequestLogRollup" (${COLUMNS}) SELECT ${GROUPED}, count(*) FROM "RequestLog" WHERE "orgId" = $1 GROUP BY 1, 2, 3, 4, 5, 6`,
      orgId,
    ),
  ]);
}

/** Retention: rollup buckets that end before the cutoff go with their rows; `orgId` null for every organisation. */
export async function purgeRollup(cutoff: Date, orgId: string | null) {
  const end = new Date(cutoff.getTime() - ROLLUP_MINUTES * 60_000);
  return orgId
    ? db.$executeRaw`DELETE FROM "RequestLogRollup" WHERE "orgId" = ${orgId} AND bucket <= ${end}`
    : db.$executeRaw`DELETE FROM "RequestLogRollup" WHERE bucket <= ${end}`;
}

export interface RollupFilter {
  orgId: string;
  userId?: string;
  keyId?: string;
  keyIds?: string[];
  statusClass?: number;
  from: Date;
  to?: Date;
}

/** The rollup rows of one filter as SQL conditions; `from` is taken down to its bucket's start. */
export function rollupWhere(f: RollupFilter): Prisma.Sql {
  const where = [
    Prisma.sql`"orgId" = ${f.orgId}`,
    Prisma.sql`bucket >= ${new Date(Math.floor(f.from.getTime() / (ROLLUP_MINUTES * 60_000)) * ROLLUP_MINUTES * 60_000)}`,
  ];
  if (f.to) where.push(Prisma.sql`bucket < ${f.to}`);
  if (f.userId) where.push(Prisma.sql`"userId" = ${f.userId}`);
  if (f.keyId) where.push(Prisma.sql`"keyId" = ${f.keyId}`);
  if (f.keyIds) where.push(Prisma.sql`"keyId" IN (${Prisma.join(f.keyIds)})`);
  if (f.statusClass) where.push(Prisma.sql`"statusClass" = ${f.statusClass}`);
  return Prisma.join(where, " AND ");
}
