// A webhook worker in its own process, for tests/webhooks-crash.test.ts (run with tsx).
// `seed <url>`: creates an organisation, an endpoint for <url> and a purchase (so one
// event is queued), prints {"endpointId","secret"}, then works. `work <endpointId>`: works.
// Both print the delivery rows as JSON once they have all succeeded.
import { readFileSync } from "node:fs";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { db } from "@/lib/db/client";
import { dataDir } from "@/lib/db/config";
import { deliverDue } from "@/lib/webhooks/worker";
import { createWebhookEndpoint } from "@/lib/webhooks/manage";
import { recordPurchase } from "@/lib/purchases/purchases";

const [mode, arg] = process.argv.slice(2);
const leaseMs = Number(process.env.CHILD_LEASE_MS ?? 1500);

if (mode === "seed" && !process.env.DATABASE_URL && process.env.TEST_PGLITE_SNAPSHOT) {
  // The embedded database is per process: this child starts a file-backed copy that the next child reopens.
  const pglite = new PGlite(path.join(dataDir(), "pglite"), { loadDataDir: new Blob([readFileSync(process.env.TEST_PGLITE_SNAPSHOT)]) });
  await pglite.waitReady;
  await pglite.close();
}

let endpointId = arg;
if (mode === "seed") {
  const tag = `${process.pid}-${Date.now().toString(36)}`;
  const user = await db.user.create({ data: { email: `owner-${tag}@example.com` } });
  const org = await db.organization.create({ data: { name: `Crash ${tag}`, slug: `crash-${tag}` } });
  await db.membership.create({ data: { orgId: org.id, userId: user.id, role: "owner" } });
  await db.product.create({ data: { orgId: org.id, slug: "kit", name: "Kit" } });
  const actor = { userId: user.id, via: "dashboard" as const, ip: null };
  const { endpoint, secret } = await createWebhookEndpoint(actor, org.id, { url: arg, events: ["purchase.created"] });
  await recordPurchase(actor, org.id, { email: "crash@example.com", productId: "kit" });
  endpointId = endpoint.id;
  console.log(JSON.stringify({ endpointId, secret }));
}

for (;;) {
  // A long timeout: the attempt is still waiting for its answer when the test kills this process.
  await deliverDue({ endpointIds: [endpointId], leaseMs, timeoutMs: 60_000 });
  const rows = await db.webhookDelivery.findMany({ where: { endpointId } });
  if (rows.length && rows.every((r) => r.status === "succeeded")) {
    console.log(JSON.stringify({ deliveries: rows.map((r) => ({ eventId: r.eventId, attempts: r.attempts, status: r.status })) }));
    process.exit(0);
  }
  await new Promise((r) => setTimeout(r, 200));
}
