import { db } from "@/lib/db/client";
import { dropPartitionsBefore, ensurePartitions, listPartitions } from "./partitions";
import { purgeRollup } from "./rollup";

const DAY = 86_400_000;
/** Rows per DELETE: each statement holds its locks briefly and touches a few thousand index entries. */
export const PURGE_BATCH = 5_000;

/**
 * Request history past each organisation's retention goes. The request log is
 * partitioned by day: days older than the longest retention in use go whole
 * (DROP of their partitions); an organisation with a shorter retention has its
 * older rows deleted in bounded batches, found through (orgId, createdAt), so
 * only the few partitions between its cutoff and the oldest day kept are read.
 * Also creates the partitions of the coming days. Returns the number of rows
 * deleted one by one (dropped days are not counted row by row).
 */
export async function purgeExpiredRequests(now = new Date()): Promise<number> {
  await ensurePartitions(now);
  const orgs = await db.organization.findMany({ select: { id: true, requestRetentionDays: true } });
  const longest = orgs.length ? Math.max(...orgs.map((o) => o.requestRetentionDays)) : 30;
  const dayCutoff = new Date(now.getTime() - longest * DAY);
  await dropPartitionsBefore(dayCutoff);
  await purgeRollup(dayCutoff, null);
  let total = await deleteInBatches("RequestLog_default", `"createdAt" < $1::timestamp`, [dayCutoff]);
  const partitions = await listPartitions();
  for (const org of orgs) {
    if (org.requestRetentionDays >= longest) continue;
    const cutoff = new Date(now.getTime() - org.requestRetentionDays * DAY);
    await purgeRollup(cutoff, org.id);
    // Only the days that begin before the cutoff can hold its expired rows.
    for (const table of ["RequestLog_default", ...partitions.filter((p) => p.end.getTime() - DAY < cutoff.getTime()).map((p) => p.name)])
      total += await deleteInBatches(table, `"orgId" = $1 AND "createdAt" < $2::timestamp`, [org.id, cutoff]);
  }
  return total;
}

/** Deletes matching rows of one partition, PURGE_BATCH at a time, by their physical address (a TID scan, no join). */
async function deleteInBatches(table: string, where: string, params: unknown[]): Promise<number> {
  let total = 0;
  for (;;) {
    const removed = await db.$executeRawUnsafe(
      `DELETE FROM "${table}" WHERE ctid = ANY(ARRAY(SELECT ctid FROM "${table}" WHERE ${where} LIMIT ${PURGE_BATCH}))`,
      ...params,
    );
    total += removed;
    if (removed < PURGE_BATCH) return total;
  }
}

const HOUR = 3_600_000;

/** In the server process: once shortly after start-up (partitions at once), then every hour. */
export function startRetentionJob() {
  const state = globalThis as unknown as { __continuataRetention?: NodeJS.Timeout };
  if (state.__continuataRetention) return;
  ensurePartitions().catch((err) => console.error("[request-log] could not create partitions:", (err as Error).message));
  const run = () =>
    purgeExpiredRequests()
      .then((n) => n && console.info(`[request-log] purged ${n} expired records`))
      .catch((err) => console.error("[request-log] retention purge failed:", (err as Error).message));
  setTimeout(run, 10_000).unref();
  state.__continuataRetention = setInterval(run, HOUR);
  state.__continuataRetention.unref();
}
