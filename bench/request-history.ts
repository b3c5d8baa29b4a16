// Request history with 1,000,000 records: first page and filtered pages of
// the viewer's query (lib/request-log/query.ts), median and p95 of 30 runs each.
//   npx tsx bench/request-history.ts                     (embedded PGlite)
//   BENCH_DATABASE_URL=postgresql://… npx tsx bench/request-history.ts
import { freshDatabase } from "./setup";
import { percentile } from "./lib";

const ROWS = Number(process.env.BENCH_ROWS ?? 1_000_000);
const fresh = await freshDatabase("history");

const { db, disconnectDb } = await import("@/lib/db/client");
const { listRequests, requestsOverTime, filterSchema } = await import("@/lib/request-log/query");

const org = await db.organization.create({ data: { name: "Busy", slug: "busy" } });
const other = await db.organization.create({ data: { name: "Other", slug: "other" } });
const t0 = performance.now();
// 1M rows over 30 days: 90% for the busy org, 10% for another; ~6% 4xx, ~1% 5xx;
// 5 methods, 20 paths, 10 keys, 50 users.
await db.$executeRawUnsafe(`
  INSERT INTO "RequestLog" (id, "orgId", "createdAt", "requestId", method, path, status, "statusClass", "durationMs", "keyId", "keyName", "userId", ip, "requestHeaders", "responseBody")
  SELECT 'r' || g, CASE WHEN g % 10 = 0 THEN '${other.id}' ELSE '${org.id}' END,
         now() - (g * interval '2.592 second'), md5(g::text),
         (ARRAY['GET','GET','GET','POST','PATCH'])[1 + g % 5], '/api/path-' || (g % 20),
         s, s / 100, g % 50, 'key-' || (g % 10), 'Key ' || (g % 10), 'user-' || (g % 50), '198.51.100.' || (g % 250),
         '{"user-agent":"bench"}'::jsonb, '{"ok":true}'
  FROM (SELECT g, CASE WHEN g % 100 < 6 THEN 422 WHEN g % 100 = 6 THEN 500 ELSE 200 END AS s FROM generate_series(1, ${ROWS}) g) x`);
await db.$executeRawUnsafe(`ANALYZE "RequestLog"`);
const seeded = ((performance.now() - t0) / 1000).toFixed(1);

async function time(name: string, fn: () => Promise<unknown>) {
  for (let i = 0; i < 3; i++) await fn();
  const t: number[] = [];
  for (let i = 0; i < 30; i++) {
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
const lines = [
  await time("first page (50 newest)", () => listRequests(v, f({}))),
  await time("second page (cursor)", () => listRequests(v, f({ cursor: first.nextCursor! }))),
  await time("status=4xx", () => listRequests(v, f({ status: "4xx" }))),
  await time("status=5xx, method=POST", () => listRequests(v, f({ status: "5xx", method: "POST" }))),
  await time("key=key-3", () => listRequests(v, f({ key: "key-3" }))),
  await time("member view (own requests)", () => listRequests({ orgId: org.id, onlyUserId: "user-7" }, f({}))),
  await time("request id lookup", () => listRequests(v, f({ requestId: "c4ca4238a0b923820dcc509a6f75849b" }))),
  await time("path contains 'path-1'", () => listRequests(v, f({ path: "path-1" }))),
  await time("chart, last 24 h, 30-min buckets", () => requestsOverTime(v, f({}), new Date(Date.now() - 86_400_000), new Date(), 30)),
];
console.log(`\n### Request history, ${ROWS.toLocaleString("en")} records on ${fresh.backend} (seeded in ${seeded} s)\n`);
console.log("| query | median ms | p95 ms |\n|---|---|---|\n" + lines.join("\n"));
await disconnectDb();
await fresh.cleanup();
process.exit(0);
