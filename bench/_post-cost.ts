import { load, startServer, stopServer } from "./lib";
import { benchOrg, freshDatabase } from "./setup";
const fresh = await freshDatabase("postcost");
const { db, disconnectDb } = await import("@/lib/db/client");
const { refreshPersonalKey } = await import("@/lib/keys/manage");
const { org, actor } = await benchOrg();
const { token: apiKey, key } = await refreshPersonalKey(actor, org.id);
await db.apiKey.update({ where: { id: key.id }, data: { rateLimitPerMinute: 10_000_000 } });
const p = await db.product.create({ data: { orgId: org.id, slug: "kit", name: "Kit" } });
await db.productVersion.create({ data: { productId: p.id, version: "1.0.0", status: "ready", releasedAt: new Date() } as never });
await disconnectDb();
const port = 3420;
const server = await startServer(fresh.serverEnv, port);
const autocannon = (await import("autocannon")).default;
const headers = { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" };
const post = async (name: string, path: string, body: string) => {
  const r = await autocannon({ url: `http://127.0.0.1:${port}${path}`, method: "POST", headers, body, duration: 6, connections: 10 });
  console.log(name, Math.round(r.requests.average), "req/s", "non2xx", r.non2xx);
};
await load("warm", `http://127.0.0.1:${port}/api/whoami`, headers, 3);
for (let i = 0; i < 2; i++) {
  console.log("GET whoami", (await load("w", `http://127.0.0.1:${port}/api/whoami`, headers, 6)).rps);
  await post("POST mint {} (422, no db)", "/api/generate-download-url", "{}");
  await post("POST mint unknown product (fast miss + general lookup, 404)", "/api/generate-download-url", JSON.stringify({ productId: "nope", version: "1.0.0" }));
  await post("POST mint", "/api/generate-download-url", JSON.stringify({ productId: "kit", version: "1.0.0" }));
}
await stopServer(server);
await fresh.cleanup();
process.exit(0);
