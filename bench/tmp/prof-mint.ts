import { spawn } from "node:child_process";
import autocannon from "autocannon";
import { benchOrg, freshDatabase } from "../setup";
const fresh = await freshDatabase("profmint");
const { db, disconnectDb } = await import("@/lib/db/client");
const { refreshPersonalKey } = await import("@/lib/keys/manage");
const { createProduct, createVersion, activateVersion } = await import("@/lib/products/products");
const { uploadFile } = await import("@/lib/products/files");
const { mintDownloadToken } = await import("@/lib/downloads/tokens");
const { org, actor } = await benchOrg();
const { token, key } = await refreshPersonalKey(actor, org.id);
await db.apiKey.update({ where: { id: key.id }, data: { rateLimitPerMinute: 10_000_000 } });
await createProduct(actor, org.id, { id: "prof-product", name: "P" });
await createVersion(actor, org.id, "prof-product", { version: "1.0.0" });
await uploadFile(actor, org.id, "prof-product", "1.0.0", "a.bin", new Blob([new Uint8Array(10)]).stream(), "application/octet-stream");
await activateVersion(actor, org.id, "prof-product", "1.0.0");
await mintDownloadToken({ orgId: org.id, productSlug: "prof-product", version: "1.0.0", source: "test" });
await disconnectDb();
const child = spawn("node", ["--cpu-prof", "--cpu-prof-dir=" + (process.env.PROF_DIR ?? "/tmp/prof/mint"), "node_modules/next/dist/bin/next", "start", "-p", "3497"], {
  env: { ...process.env, ...fresh.serverEnv, NODE_ENV: "production", MAIL_OUTBOX: "1", AUTH_SECRET: "x", NEXT_TELEMETRY_DISABLED: "1" },
  stdio: ["ignore", "inherit", "inherit"],
});
for (;;) { try { if ((await fetch("http://127.0.0.1:3497/api/health")).ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
let buyer = 0;
const body = { productId: "prof-product", version: "1.0.0" };
const run = () => new Promise<any>((res) => autocannon({ url: "http://127.0.0.1:3497/api/generate-download-url", method: "POST", connections: 10, duration: 10,
  headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
  setupClient: (client: any) => { const next = () => client.setBody(JSON.stringify({ ...body, email: `b-${++buyer}@example.com` })); next(); client.on("response", next); },
}, (e, r) => res(r)));
await run();
const r = await run();
console.log("mint with purchase", r.requests.average, "req/s", r.non2xx, "non2xx");
child.kill("SIGTERM");
await new Promise((r) => child.on("exit", r));
