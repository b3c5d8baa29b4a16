import { db } from "@/lib/db/client";

const BATCH = 10_000;

/**
 * Deletes request history older than each organisation's retention (default
 * 30 days), in batches so a large purge never holds long locks. Returns the
 * number of rows removed.
 */
export async function purgeExpiredRequests(now = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const removed = await db.$executeRaw`
      DELETE FROM "RequestLog" WHERE id IN (
        SELECT r.id FROM "RequestLog" r JOIN "Organization" o ON o.id = r."orgId"
        WHERE r."createdAt" < ${now}::timestamp - make_interval(days => o."requestRetentionDays")
        LIMIT ${BATCH})`;
    total += removed;
    if (removed < BATCH) return total;
  }
}

const HOUR = 3_600_000;

/** In the server process: once shortly after start-up, then every hour. */
export function startRetentionJob() {
  const state = globalThis as unknown as { __continuataRetention?: NodeJS.Timeout };
  if (state.__continuataRetention) return;
  const run = () =>
    purgeExpiredRequests()
      .then((n) => n && console.info(`[request-log] purged ${n} expired records`))
      .catch((err) => console.error("[request-log] retention purge failed:", (err as Error).message));
  setTimeout(run, 10_000).unref();
  state.__continuataRetention = setInterval(run, HOUR);
  state.__continuataRetention.unref();
}
