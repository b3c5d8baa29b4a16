// Bearer-auth cost: GET /api/whoami (valid key, rate limiting and request
// logging on) against GET /api/meta (no credential, no database, no Redis) and
// GET /api/health, alternated in one run with BENCH_CONNECTIONS (32) connections
// (BENCH_ROUNDS rounds of BENCH_SECONDS each, 10 × 4 s unless set: short rounds, so that the
// host's own swings, which last longer, fall on both endpoints alike),
// and key-lookup latency with 10, 100,000 and BENCH_KEYS (1,000,000) keys in the table.
//   npm run build && npx tsx bench/auth.ts            (embedded PGlite, in-process limiter)
//   BENCH_DATABASE_URL=postgresql://… BENCH_REDIS_URL=redis://127.0.0.1:6379 npx tsx bench/auth.ts
import { benchOrg, freshDatabase } from "./setup";
import { load, percentile, startServer, stopServer, table } from "./lib";

const fresh = await freshDatabase("auth");
const redisUrl = process.env.BENCH_REDIS_URL;
const backend = `${fresh.backend}, ${redisUrl ? "Redis rate limiter" : "in-process rate limiter"}`;

const { db, disconnectDb } = await import("@/lib/db/client");
const { verifyApiKey } = await import("@/lib/keys/verify");
const { credentialCache } = await import("@/lib/auth/credential-cache");
const { refreshPersonalKey } = await import("@/lib/keys/manage");

const { user, org, actor } = await benchOrg();
const { token, key: benchKey } = await refreshPersonalKey(actor, org.id);
// Rate limiting stays on; the limit is set above what the run can reach, so
// every request does the full work (limit check, handler, recording) and succeeds.
await db.apiKey.update({ where: { id: benchKey.id }, data: { rateLimitPerMinute: 10_000_000 } });

/** Median and p99 of verifyApiKey; `fromDatabase` empties the credential cache before each call. */
async function lookupLatency(n: number, fromDatabase = true) {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    if (fromDatabase) credentialCache().invalidate();
    const t = performance.now();
    const r = await verifyApiKey(token);
    times.push(performance.now() - t);
    if (!r.ok) throw new Error("key did not verify");
  }
  times.sort((a, b) => a - b);
  return { median: percentile(times, 50).toFixed(2), p99: percentile(times, 99).toFixed(2) };
}

const seed = async (count: number) =>
  db.$executeRawUnsafe(`
    INSERT INTO "ApiKey" (id, "orgId", "userId", kind, name, hash, hint, scopes, "createdById")
    SELECT 'seed' || g || '-' || md5(random()::text), '${org.id}', '${user.id}', 'integration', 'seed ' || g, md5(random()::text) || md5(g::text), 'ct_…0000', ARRAY['read'], '${user.id}'
    FROM generate_series(1, ${count}) g`);

const MAX_KEYS = Number(process.env.BENCH_KEYS ?? 1_000_000);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const lookups: { keys: number; median: string; p99: string }[] = [];
await seed(9);
await lookupLatency(200); // warm up
lookups.push({ keys: 10, ...(await lookupLatency(2000)) });
for (const target of [100_000, MAX_KEYS].filter((n, i, a) => n > 10 && a.indexOf(n) === i)) {
  // In steps of 100,000 rows: one statement per step keeps the embedded database's memory bounded.
  for (let have = await db.apiKey.count(); have < target; have += Math.min(100_000, target - have))
    await seed(Math.min(100_000, target - have));
  await db.$executeRawUnsafe(`ANALYZE "ApiKey"`);
  lookups.push({ keys: await db.apiKey.count(), ...(await lookupLatency(2000)) });
}
const count = lookups[lookups.length - 1].keys;
const cached = credentialCache().isLive ? await lookupLatency(2000, false) : null;
await disconnectDb();

const port = Number(process.env.BENCH_PORT ?? 3400);
const server = await startServer({ ...fresh.serverEnv, ...(redisUrl ? { REDIS_URL: redisUrl } : {}) }, port);
const base = `http://127.0.0.1:${port}`;
const auth = { Authorization: `Bearer ${token}` };
let whoamiRequests = 0;
const settle = () => new Promise((r) => setTimeout(r, 500));
try {
  // Every path warmed alike: the first round after a cold JIT otherwise favours whichever ran first.
  whoamiRequests += (await load("warm-up", `${base}/api/whoami`, auth, 5, CONNECTIONS)).total;
  await load("warm-up", `${base}/api/meta`, {}, 5, CONNECTIONS);
  await load("warm-up", `${base}/api/health`, {}, 5, CONNECTIONS);
  const rows: Awaited<ReturnType<typeof load>>[] = [];
  const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 10);
  const SECONDS = Number(process.env.BENCH_SECONDS ?? 4);
  const meta = (round: number) => load(`GET /api/meta (round ${round})`, `${base}/api/meta`, {}, SECONDS, CONNECTIONS, server);
  const whoami = (round: number) => load(`GET /api/whoami (round ${round})`, `${base}/api/whoami`, auth, SECONDS, CONNECTIONS, server);
  for (let round = 1; round <= ROUNDS; round++) {
    // Meta first in odd rounds, whoami first in even ones: a machine that speeds up or slows
    // down during the run favours neither. The pause lets the request log write what the
    // previous round left (at most FLUSH_AFTER_MS of it), so no round pays for another.
    for (const run of round % 2 ? [meta, whoami] : [whoami, meta]) {
      await settle();
      rows.push(await run(round));
    }
    await settle();
    rows.push(await load(`GET /api/health (round ${round})`, `${base}/api/health`, {}, SECONDS, CONNECTIONS, server));
  }
  const avg = (prefix: string) => rows.filter((r) => r.name.startsWith(prefix)).reduce((s, r) => s + r.rps, 0) / ROUNDS;
  console.log(
    `\n### Bearer auth on ${backend} (${new Date().toISOString().slice(0, 10)}, ${CONNECTIONS} connections, ${SECONDS} s each, ${ROUNDS} rounds)\n`,
  );
  console.log(table(rows));
  const perRound = Array.from({ length: ROUNDS }, (_, i) => {
    const rps = (name: string) => rows.find((r) => r.name === `${name} (round ${i + 1})`)!.rps;
    return rps("GET /api/whoami") / rps("GET /api/meta");
  });
  const median = [...perRound].sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
  console.log(`\nwhoami / meta per round: ${perRound.map((r) => r.toFixed(2)).join("×, ")}×; median **${median.toFixed(2)}×**.`);
  const cpu = (prefix: string) =>
    Math.round(rows.filter((r) => r.name.startsWith(prefix)).reduce((s, r) => s + (r.cpuUs ?? 0), 0) / ROUNDS);
  console.log(
    `\nwhoami / meta throughput: **${(avg("GET /api/whoami") / avg("GET /api/meta")).toFixed(2)}×** (sum of rounds; target ≥ 0.8×); whoami / health ${(avg("GET /api/whoami") / avg("GET /api/health")).toFixed(2)}×. App CPU per request: whoami ${cpu("GET /api/whoami")} µs, meta ${cpu("GET /api/meta")} µs, health ${cpu("GET /api/health")} µs.\n`,
  );
  console.log(
    `| keys in table | verifyApiKey from the database: median ms | p99 ms |\n|---|---|---|\n${lookups.map((l) => `| ${l.keys} | ${l.median} | ${l.p99} |`).join("\n")}`,
  );
  console.log(
    cached
      ? `\nFrom the credential cache (${count} keys): median ${cached.median} ms, p99 ${cached.p99} ms.`
      : "\nThe credential cache is off on this database (no synchronous change feed).",
  );
  whoamiRequests += rows.filter((r) => r.name.startsWith("GET /api/whoami")).reduce((s, r) => s + r.total, 0);
} finally {
  await stopServer(server);
}
// The server flushed its request log on SIGTERM; every whoami answered must be in it.
const { db: after, disconnectDb: close } = await import("@/lib/db/client");
const recorded = await after.requestLog.count({ where: { path: "/api/whoami" } });
console.log(
  `\nRequest history: ${recorded} whoami requests recorded; autocannon saw ${whoamiRequests} answers (a request still in flight when a run stops is answered and recorded, but not counted).`,
);
await close();
await fresh.cleanup();
process.exit(0);
