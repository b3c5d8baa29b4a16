// Request history with BENCH_ROWS records (default 1,000,000) over 30 days in the
// day-partitioned request log: first page and filtered pages of the viewer's
// query (lib/request-log/query.ts), the detail by id, the 24-hour chart (median
// and p95 of 30 runs each); one day's retention; and the insert cost per row
// against a table of the previous, unpartitioned shape holding the same rows,
// alternated in one run.
//   npx tsx bench/request-history.ts                     (embedded PGlite)
//   BENCH_ROWS=10000000 BENCH_DATABASE_URL=postgresql://… npx tsx bench/request-history.ts
import pg from "pg";
import { freshDatabase } from "./setup";
import { percentile } from "./lib";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const DAYS = 30;
// BENCH_REUSE_DB=<name>: measure a database an earlier run of this script seeded (and kept: BENCH_KEEP=1).
const reuse = process.env.BENCH_REUSE_DB;
const fresh = reuse
  ? (() => {
      const u = new URL(process.env.BENCH_DATABASE_URL!);
      u.pathname = `/${reuse}`;
      process.env.DATABASE_URL = u.toString();
      return { backend: "PostgreSQL", cleanup: async () => {} };
    })()
  : await freshDatabase("history");
if (process.env.BENCH_KEEP) fresh.cleanup = async () => console.log(`kept ${process.env.DATABASE_URL}`);

const { db, disconnectDb } = await import("@/lib/db/client");
const { listRequests, requestsOverTime, filterSchema, getRequest } = await import("@/lib/request-log/query");
const { purgeExpiredRequests } = await import("@/lib/request-log/retention");
const { listPartitions } = await import("@/lib/request-log/partitions");
const { recountRollup, withRollup } = await import("@/lib/request-log/rollup");
const { callsByDay } = await import("@/lib/overview/usage");
const { periodStart } = await import("@/lib/overview/days");

// Seeding and index builds on a connection of their own, so session settings apply (PostgreSQL).
let sql: (text: string) => Promise<unknown> = (text) => db.$executeRawUnsafe(text);
let seedClient: pg.Client | undefined;
if (process.env.DATABASE_URL) {
  seedClient = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await seedClient.connect();
  await seedClient.query("SET maintenance_work_mem = '512MB'");
  sql = (text) => seedClient!.query(text);
}

const org = reuse
  ? await db.organization.findUniqueOrThrow({ where: { slug: "busy" } })
  : await db.organization.create({ data: { name: "Busy", slug: "busy" } });
const other = reuse
  ? await db.organization.findUniqueOrThrow({ where: { slug: "other" } })
  : await db.organization.create({ data: { name: "Other", slug: "other" } });
const now = Date.now();
const day = 86_400_000;
// Every day of the spread gets its partition first (the app does this ahead of time).
for (let d = -DAYS - 1; d <= 3; d++)
  await sql(`SELECT request_log_add_partition('${new Date(now + d * day).toISOString().slice(0, 10)}'::date)`);

const INDEXES = (await db.$queryRawUnsafe<{ def: string; name: string }[]>(
  `SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE tablename = 'RequestLog' AND indexname <> 'RequestLog_pkey'`,
)) as { def: string; name: string }[];

const t0 = performance.now();
if (!reuse) {
  // Bulk load: secondary indexes are built after the rows are in (as a restore would), not row by row.
  for (const i of INDEXES) await sql(`DROP INDEX "${i.name}"`);
  // 90% for the busy org, 10% for another; ~6% 4xx, ~1% 5xx; 5 methods, 20 paths, 10 keys, 50 users.
  const spacing = (DAYS * 86_400) / ROWS;
  const CHUNK = 1_000_000;
  for (let from = 1; from <= ROWS; from += CHUNK) {
    const to = Math.min(ROWS, from + CHUNK - 1);
    await sql(`
  INSERT INTO "RequestLog" (id, "orgId", "createdAt", "requestId", method, path, status, "statusClass", "durationMs", "keyId", "keyName", "userId", ip, "requestHeaders", "responseBody")
  SELECT 'r' || g, CASE WHEN g % 10 = 0 THEN '${other.id}' ELSE '${org.id}' END,
         (now() AT TIME ZONE 'UTC') - (g * interval '${spacing} second'), md5(g::text),
         (ARRAY['GET','GET','GET','POST','PATCH'])[1 + g % 5], '/api/path-' || (g % 20),
         s, s / 100, g % 50, 'key-' || (g % 10), 'Key ' || (g % 10), 'user-' || (g % 50), '198.51.100.' || (g % 250),
         '{"user-agent":"bench"}'::jsonb, '{"ok":true}'
  FROM (SELECT g, CASE WHEN g % 100 < 6 THEN 422 WHEN g % 100 = 6 THEN 500 ELSE 200 END AS s FROM generate_series(${from}, ${to}) g) x`);
  }
  for (const i of INDEXES) await sql(i.def.replace(" ON ONLY ", " ON "));
  await sql(`VACUUM ANALYZE "RequestLog"`);
  // Bulk-loaded past the log writer: the charts' rollup is counted from the rows, as the demo does.
  for (const o of [org, other]) await recountRollup(o.id);
  await sql(`VACUUM ANALYZE "RequestLogRollup"`);
}
const seeded = ((performance.now() - t0) / 1000).toFixed(1);

async function time(name: string, fn: () => Promise<unknown>, runs = 30) {
  for (let i = 0; i < 3; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < runs; i++) {
    const s = performance.now();
    await fn();
    t.push(performance.now() - s);
  }
  t.sort((a, b) => a - b);
  return `| ${name} | ${percentile(t, 50).toFixed(1)} | ${percentile(t, 95).toFixed(1)} |`;
}

const v = { orgId: org.id };
const f = (x: Record<string, unknown>) => filterSchema.parse(x);
const first = await listRequests(v, f({}));
const someId = first.requests[17].id;
// A row as the log writer stores it (lib/db/ids.ts: the id carries createdAt), ten days back.
const { newId } = await import("@/lib/db/ids");
const tenDaysAgo = new Date(now - 10 * day);
const written = await db.requestLog.create({
  data: {
    id: newId(tenDaysAgo.getTime()),
    orgId: org.id,
    createdAt: tenDaysAgo,
    requestId: "x",
    method: "GET",
    path: "/api/whoami",
    status: 200,
    statusClass: 2,
    durationMs: 1,
  },
});
const lines = [
  await time("first page (50 newest)", () => listRequests(v, f({}))),
  await time("second page (cursor)", () => listRequests(v, f({ cursor: first.nextCursor! }))),
  await time("status=4xx", () => listRequests(v, f({ status: "4xx" }))),
  await time("status=5xx", () => listRequests(v, f({ status: "5xx" }))),
  await time("status=5xx, method=POST", () => listRequests(v, f({ status: "5xx", method: "POST" }))),
  await time("method=POST", () => listRequests(v, f({ method: "POST" }))),
  await time("key=key-3", () => listRequests(v, f({ key: "key-3" }))),
  await time("member view (own requests)", () => listRequests({ orgId: org.id, onlyUserId: "user-7" }, f({}))),
  await time("request id lookup", () => listRequests(v, f({ requestId: "c4ca4238a0b923820dcc509a6f75849b" }))),
  await time("detail by id, as the writer makes ids (GET /api/requests/{id})", () => getRequest(v, written.id)),
  await time("detail by id, any other id (every partition)", () => getRequest(v, someId)),
  await time("path contains 'path-1'", () => listRequests(v, f({ path: "path-1" }))),
  await time("chart, last hour, 1-min buckets (from the rows)", () =>
    requestsOverTime(v, f({}), new Date(Date.now() - 3_600_000), new Date(), 1),
  ),
  await time("chart, last 24 h, 30-min buckets (rollup)", () =>
    requestsOverTime(v, f({}), new Date(Date.now() - 86_400_000), new Date(), 30),
  ),
  await time("chart, last 30 days, 12-h buckets (rollup)", () =>
    requestsOverTime(v, f({}), new Date(Date.now() - 30 * day), new Date(), 720),
  ),
  await time("chart, last 24 h, key=key-3 (rollup)", () =>
    requestsOverTime(v, f({ key: "key-3" }), new Date(Date.now() - 86_400_000), new Date(), 30),
  ),
  await time("chart, last 24 h, method=POST (from the rows)", () =>
    requestsOverTime(v, f({ method: "POST" }), new Date(Date.now() - 86_400_000), new Date(), 30),
  ),
  await time("overview, API calls per day over 30 days (rollup)", () => callsByDay(v, periodStart(30), 30)),
];
const partitions = await listPartitions();
console.log(
  `\n### Request history, ${ROWS.toLocaleString("en")} records over ${DAYS} days on ${fresh.backend}, ${partitions.length} day partitions (${reuse ? "seeded by an earlier run" : `seeded in ${seeded} s`})\n`,
);
console.log("| query | median ms | p95 ms |\n|---|---|---|\n" + lines.join("\n"));

// Insert cost: the same 200-row statement into today's partition (with the rollup's upsert, as
// the writer sends it) and into a table of the previous shape (unpartitioned, primary key on id, six indexes incl. createdAt) that holds
// the same rows, alternated.
if (process.env.BENCH_INSERT !== "0") {
  const t1 = performance.now();
  await sql(`CREATE TABLE "RequestLogPlain" (LIKE "RequestLog" INCLUDING DEFAULTS)`);
  await sql(`INSERT INTO "RequestLogPlain" SELECT * FROM "RequestLog"`);
  await sql(`ALTER TABLE "RequestLogPlain" ADD PRIMARY KEY (id)`);
  for (const cols of [
    `"orgId", "createdAt" DESC, id DESC`,
    `"orgId", "statusClass", "createdAt" DESC, id DESC`,
    `"orgId", "keyId", "createdAt" DESC, id DESC`,
    `"orgId", "userId", "createdAt" DESC, id DESC`,
    `"requestId"`,
    `"createdAt"`,
  ])
    await sql(`CREATE INDEX ON "RequestLogPlain" (${cols})`);
  await sql(`VACUUM ANALYZE "RequestLogPlain"`);
  const copied = ((performance.now() - t1) / 1000).toFixed(1);
  let n = 0;
  // The log writer's statement: into the partitioned log, its rollup counted in the same statement
  // ("partitioned"); the same without the rollup; and into the previous shape.
  const KINDS = ["partitioned", "partitioned, no rollup", "previous shape"] as const;
  const batch = (kind: (typeof KINDS)[number]) =>
    kind === "partitioned" ? withRollup(rows("RequestLog")) : rows(kind === "previous shape" ? "RequestLogPlain" : "RequestLog");
  // Requests of a few keys per batch, as a busy seller's are (the rollup upserts one row per key, user and outcome).
  const rows = (table: string) => `
    INSERT INTO "${table}" (id, "orgId", "createdAt", "requestId", method, path, status, "statusClass", "durationMs", "keyId", "keyName", "userId", ip, "requestHeaders", "responseBody")
    SELECT 'n' || ${++n} || '-' || g || '-' || md5(random()::text), '${org.id}', now() AT TIME ZONE 'UTC', md5(random()::text), 'GET', '/api/whoami',
           200, 2, 3, 'key-' || (g % 3), 'Key', 'user-' || (g % 3), '198.51.100.7', '{"user-agent":"bench"}'::jsonb, '{"ok":true}'
    FROM generate_series(1, 200) g`;
  const cost = Object.fromEntries(KINDS.map((k) => [k, [] as number[]])) as Record<(typeof KINDS)[number], number[]>;
  for (let round = 0; round < 60; round++)
    for (let i = 0; i < KINDS.length; i++) {
      const kind = KINDS[(i + round) % KINDS.length];
      const s = performance.now();
      await sql(batch(kind));
      if (round >= 10) cost[kind].push(((performance.now() - s) * 1000) / 200);
    }
  const med = (a: number[]) =>
    percentile(
      [...a].sort((x, y) => x - y),
      50,
    );
  const [withRoll, without, plain] = KINDS.map((k) => med(cost[k]));
  console.log(
    `\nInsert cost per row (200-row statements, 50 measured each, rotated; plain copy built in ${copied} s): partitioned with rollup ${withRoll.toFixed(1)} µs, partitioned without rollup ${without.toFixed(1)} µs, previous shape ${plain.toFixed(1)} µs: **${(withRoll / plain).toFixed(2)}×** the previous shape (${(without / plain).toFixed(2)}× without the rollup).`,
  );
  await sql(`DROP TABLE "RequestLogPlain"`);
}

// Retention, as the hourly job runs it the day after: the oldest day goes whole (the longest
// retention, 30 days, is now past it) and the other organisation, kept one day less, loses its rows of the next day.
const counts = await db.$queryRawUnsafe<{ name: string }[]>(
  `SELECT tableoid::regclass::text AS name FROM "RequestLog" GROUP BY 1 HAVING count(*) > 0`,
);
const oldest = partitions.find((p) => counts.some((c) => c.name.replace(/"/g, "") === p.name))!;
const oldestRows = Number((await db.$queryRawUnsafe<{ n: bigint }[]>(`SELECT count(*) AS n FROM "${oldest.name}"`))[0].n);
await db.organization.update({ where: { id: other.id }, data: { requestRetentionDays: DAYS - 1 } });
const cutoff = new Date(oldest.end.getTime() + DAYS * day + 60_000);
const shortCut = new Date(cutoff.getTime() - (DAYS - 1) * day);
const otherRows = Number(
  (
    await db.$queryRawUnsafe<{ n: bigint }[]>(
      `SELECT count(*) AS n FROM "RequestLog" WHERE "orgId" = $1 AND "createdAt" >= $2::timestamp AND "createdAt" < $3::timestamp`,
      other.id,
      oldest.end,
      shortCut,
    )
  )[0].n,
);
const r0 = performance.now();
const deleted = await purgeExpiredRequests(cutoff);
const retentionMs = performance.now() - r0;
const after = await listPartitions();
console.log(
  `\nOne day's retention (\`purgeExpiredRequests\` at ${cutoff.toISOString()}): **${retentionMs.toFixed(0)} ms**, dropped ${partitions.length - after.length} day partition(s) (the oldest with rows and any empty one before it) (${oldestRows.toLocaleString("en")} rows, ${oldest.name}) and deleted ${deleted.toLocaleString("en")} rows of the organisation with a 29-day retention in batches (${otherRows.toLocaleString("en")} expected).`,
);
await seedClient?.end();
await disconnectDb();
await fresh.cleanup();
process.exit(0);
