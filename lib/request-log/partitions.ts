import { db } from "@/lib/db/client";

const DAY = 86_400_000;
/** Days created ahead of today, so a missed job or a clock past midnight never lands rows in the default partition. */
export const DAYS_AHEAD = 3;
const PARTITION = /^RequestLog_p(\d{4})(\d{2})(\d{2})$/;

const utcDay = (t: number) => new Date(Math.floor(t / DAY) * DAY);

/**
 * Creates the day partitions from yesterday to DAYS_AHEAD days ahead (UTC)
 * that do not exist yet (request_log_add_partition() in the migration moves
 * rows already in the default partition). Returns how many it created.
 */
export async function ensurePartitions(now = new Date()): Promise<number> {
  let created = 0;
  for (let d = -1; d <= DAYS_AHEAD; d++) {
    const day = utcDay(now.getTime() + d * DAY)
      .toISOString()
      .slice(0, 10);
    const [row] = await db.$queryRaw<{ created: boolean }[]>`SELECT request_log_add_partition(${day}::date) AS created`;
    if (row.created) created++;
  }
  return created;
}

/** The day partitions that exist, oldest first, with the first instant after each. */
export async function listPartitions(): Promise<{ name: string; end: Date }[]> {
  const rows = await db.$queryRaw<{ name: string }[]>`
    SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
    WHERE i.inhparent = to_regclass('"RequestLog"')`;
  return rows
    .map((r) => r.name.match(PARTITION))
    .filter((m): m is RegExpMatchArray => m !== null)
    .map((m) => ({ name: m[0], end: new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) + DAY) }))
    .sort((a, b) => a.end.getTime() - b.end.getTime());
}

/** Drops every day partition that ends at or before `cutoff`: whole days, no row-by-row DELETE. */
export async function dropPartitionsBefore(cutoff: Date): Promise<string[]> {
  const dropped: string[] = [];
  for (const p of await listPartitions()) {
    if (p.end > cutoff) break;
    await db.$executeRawUnsafe(`DROP TABLE IF EXISTS "${p.name}"`);
    dropped.push(p.name);
  }
  return dropped;
}
