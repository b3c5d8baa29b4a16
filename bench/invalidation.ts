// Credential changes across instances: two servers (ports 3408 and 3409) on one
// PostgreSQL database, each with its credential cache warm for the key; a third
// process (this script) disables, revokes or demotes with plain SQL, then both
// servers are polled every 5 ms until they answer accordingly. Target: ≤ 1 s.
//   npm run build && BENCH_DATABASE_URL=postgresql://… [BENCH_REDIS_URL=redis://…] npx tsx bench/invalidation.ts
import pg from "pg";
import { benchOrg, freshDatabase } from "./setup";
import { percentile, startServer, stopServer } from "./lib";

if (!process.env.BENCH_DATABASE_URL) throw new Error("BENCH_DATABASE_URL: this measures PostgreSQL's change feed");
const TRIALS = Number(process.env.BENCH_TRIALS ?? 10);
const fresh = await freshDatabase("invalidation");
const { db, disconnectDb } = await import("@/lib/db/client");
const { createIntegrationKey, refreshPersonalKey } = await import("@/lib/keys/manage");
const { org, actor } = await benchOrg();
const admin = await db.user.create({ data: { email: "admin@example.com" } });
await db.membership.create({ data: { orgId: org.id, userId: admin.id, role: "admin" } });

interface Trial {
  change: string;
  token: string;
  path: string;
  expect: number;
  prepare?: (sql: pg.Client) => Promise<unknown>;
  apply: (sql: pg.Client) => Promise<unknown>;
}
const trials: Trial[] = [];
for (let i = 0; i < TRIALS; i++) {
  const a = await createIntegrationKey(actor, org.id, { name: `disable ${i}`, scopes: ["read"] });
  trials.push({
    change: "disable",
    token: a.token,
    path: "/api/whoami",
    expect: 403,
    apply: (c) => c.query(`UPDATE "ApiKey" SET "disabledAt" = now() WHERE id = $1`, [a.key.id]),
  });
  const b = await createIntegrationKey(actor, org.id, { name: `revoke ${i}`, scopes: ["read"] });
  trials.push({
    change: "revoke",
    token: b.token,
    path: "/api/whoami",
    expect: 401,
    apply: (c) => c.query(`UPDATE "ApiKey" SET "revokedAt" = now() WHERE id = $1`, [b.key.id]),
  });
}
const personal = await refreshPersonalKey({ userId: admin.id, via: "cli" }, org.id);
for (let i = 0; i < TRIALS; i++)
  trials.push({
    change: "demote (admin → member, GET /api/keys)",
    token: personal.token,
    path: "/api/keys",
    expect: 403,
    prepare: async (c) => {
      await c.query(`UPDATE "Membership" SET role = 'admin' WHERE "userId" = $1`, [admin.id]);
      await new Promise((r) => setTimeout(r, 1000)); // both instances see admin again
    },
    apply: (c) => c.query(`UPDATE "Membership" SET role = 'member' WHERE "userId" = $1`, [admin.id]),
  });
await disconnectDb();

async function get(port: number, path: string, token: string) {
  const r = await fetch(`http://127.0.0.1:${port}${path}`, { headers: { Authorization: `Bearer ${token}` } });
  await r.arrayBuffer();
  return r.status;
}

const env = { ...fresh.serverEnv, ...(process.env.BENCH_REDIS_URL ? { REDIS_URL: process.env.BENCH_REDIS_URL } : {}) };
const servers = [await startServer(env, 3408), await startServer(env, 3409)];
const sql = new pg.Client({ connectionString: process.env.DATABASE_URL });
await sql.connect();
const results = new Map<string, number[]>();
try {
  for (const t of trials) {
    await t.prepare?.(sql);
    // Warm: several answers from each instance, so the lookup comes from its cache.
    for (const port of [3408, 3409])
      for (let i = 0; i < 3; i++) if ((await get(port, t.path, t.token)) !== 200) throw new Error(`warm-up ${t.change} on ${port}`);
    await t.apply(sql);
    const committed = performance.now();
    const waits = await Promise.all(
      [3408, 3409].map(async (port) => {
        while (performance.now() - committed < 5000) {
          if ((await get(port, t.path, t.token)) === t.expect) return performance.now() - committed;
          await new Promise((r) => setTimeout(r, 5));
        }
        return Infinity;
      }),
    );
    results.set(t.change, [...(results.get(t.change) ?? []), ...waits]);
  }
} finally {
  await sql.end();
  await Promise.all(servers.map(stopServer));
}
console.log(
  `\n### Credential changes seen by two instances on PostgreSQL${process.env.BENCH_REDIS_URL ? " + Redis" : ""} (${TRIALS} trials each, both instances)\n`,
);
console.log("| change (plain SQL from a third process) | median ms | max ms |\n|---|---|---|");
for (const [change, w] of results) {
  w.sort((a, b) => a - b);
  console.log(`| ${change} | ${percentile(w, 50).toFixed(1)} | ${w[w.length - 1].toFixed(1)} |`);
}
await fresh.cleanup();
process.exit(0);
