// Outbound webhooks: deliveries per second the worker sustains to a local receiver,
// and what having an endpoint costs purchase creation (same-run ratio).
//   npx tsx bench/webhooks.ts                                      (embedded PGlite)
//   BENCH_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test npx tsx bench/webhooks.ts
import http from "node:http";
import type { AddressInfo } from "node:net";
import { benchOrg, freshDatabase } from "./setup";
import { percentile } from "./lib";

const EVENTS = Number(process.env.BENCH_EVENTS ?? 1000);
const PURCHASES = Number(process.env.BENCH_PURCHASES ?? 150);

const fresh = await freshDatabase("webhooks");
const { db, disconnectDb } = await import("@/lib/db/client");
const { recordPurchase } = await import("@/lib/purchases/purchases");
const { createWebhookEndpoint } = await import("@/lib/webhooks/manage");
const { deliverDue } = await import("@/lib/webhooks/worker");

let received = 0;
const ids = new Set<string>();
const server = http.createServer((req, res) => {
  req.resume();
  req.on("end", () => {
    received++;
    ids.add(`${req.headers["webhook-id"]}:${phase}`);
    res.end("ok");
  });
});
await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
const target = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;

const plain = await benchOrg();
const hooked = await db.organization.create({ data: { name: "Hooked", slug: "hooked" } });
await db.membership.create({ data: { orgId: hooked.id, userId: plain.user.id, role: "owner" } });
for (const org of [plain.org, hooked]) await db.product.create({ data: { orgId: org.id, slug: "kit", name: "Kit" } });
const { endpoint } = await createWebhookEndpoint(plain.actor, hooked.id, { url: target, events: ["purchase.created"] });

const stats = (times: number[]) => {
  times.sort((x, y) => x - y);
  return { median: percentile(times, 50), p99: percentile(times, 99) };
};

/**
 * recordPurchase in both organisations, alternating call by call so that table growth,
 * GC and the machine's other work fall on both sides alike.
 */
async function purchases(n: number, tag: string) {
  const without: number[] = [];
  const withHook: number[] = [];
  for (let i = 0; i < n; i++) {
    for (const [orgId, times] of (i % 2
      ? [
          [hooked.id, withHook],
          [plain.org.id, without],
        ]
      : [
          [plain.org.id, without],
          [hooked.id, withHook],
        ]) as [string, number[]][]) {
      const t = performance.now();
      await recordPurchase(plain.actor, orgId, { email: `b${i}-${tag}@example.com`, productId: "kit" });
      times.push(performance.now() - t);
    }
  }
  return { without: stats(without), with: stats(withHook) };
}

// 1. Purchase creation with and without an endpoint, alternated call by call (worker idle).
await purchases(50, "warm");
const rounds: ({ round: number } & Awaited<ReturnType<typeof purchases>>)[] = [];
for (let r = 1; r <= 3; r++) rounds.push({ round: r, ...(await purchases(PURCHASES, `r${r}`)) });

// 2. Worker throughput: drain everything queued by the purchases above plus EVENTS more.
const { emitWebhookEvent } = await import("@/lib/webhooks/events");
for (let i = 0; i < EVENTS; i++) await db.$transaction((tx) => emitWebhookEvent(tx, hooked.id, "purchase.created", { id: `bench-${i}` }));
const queued = await db.webhookDelivery.count({ where: { status: "pending" } });
const throughput: { batch: number; deliveries: number; seconds: number }[] = [];
let phase = 0;
for (const batch of [16, 64]) {
  phase = batch;
  if (batch === 64) {
    await db.webhookDelivery.updateMany({ data: { status: "pending", nextAttemptAt: new Date(0), leaseUntil: null, attempts: 0 } });
  }
  const before = received;
  const t = performance.now();
  while ((await deliverDue({ batch, endpointIds: [endpoint.id] })) > 0);
  throughput.push({ batch, deliveries: received - before, seconds: (performance.now() - t) / 1000 });
  console.error(`batch ${batch}: ${received - before} deliveries in ${((performance.now() - t) / 1000).toFixed(1)} s`);
}
const failed = await db.webhookDelivery.count({ where: { status: { not: "succeeded" } } });
server.close();
await disconnectDb();
await fresh.cleanup();

const f = (n: number) => n.toFixed(2);
console.log(`\nBackend: ${fresh.backend}; receiver, worker and database in one process on this machine.\n`);
console.log("| round | without endpoint: median ms (p99) | with endpoint: median ms (p99) | ratio (with / without, median) |");
console.log("|---|---|---|---|");
for (const r of rounds)
  console.log(
    `| ${r.round} | ${f(r.without.median)} (${f(r.without.p99)}) | ${f(r.with.median)} (${f(r.with.p99)}) | ${(r.with.median / r.without.median).toFixed(2)}× |`,
  );
console.log(`\n${queued} deliveries queued.\n`);
console.log("| batch | deliveries | seconds | deliveries/s |");
console.log("|---|---|---|---|");
for (const t of throughput)
  console.log(`| ${t.batch} | ${t.deliveries} | ${t.seconds.toFixed(1)} | ${Math.round(t.deliveries / t.seconds)} |`);
console.log(`\nNot succeeded after the runs: ${failed}; duplicate deliveries within a phase: ${received - ids.size}`);
process.exit(0);
