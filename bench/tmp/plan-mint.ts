import { benchOrg, freshDatabase } from "../setup";
await freshDatabase("planmint");
const { driver, disconnectDb } = await import("@/lib/db/client");
const { createProduct, createVersion, activateVersion } = await import("@/lib/products/products");
const { uploadFile } = await import("@/lib/products/files");
const { mintDownloadToken } = await import("@/lib/downloads/tokens");
const mod = await import("@/lib/downloads/mint-released");
const { org, actor } = await benchOrg();
await createProduct(actor, org.id, { id: "prof-product", name: "P" });
await createVersion(actor, org.id, "prof-product", { version: "1.0.0" });
await uploadFile(actor, org.id, "prof-product", "1.0.0", "a.bin", new Blob([new Uint8Array(10)]).stream(), "application/octet-stream");
await activateVersion(actor, org.id, "prof-product", "1.0.0");
await mintDownloadToken({ orgId: org.id, productSlug: "prof-product", version: "1.0.0", source: "test" });
// capture the statement by wrapping driver.query
const orig = driver.query;
let captured: { text: string; params: unknown[] } | null = null;
(driver as any).query = (text: string, params: unknown[]) => { captured = { text, params }; return orig(text, params); };
let n = 0;
const m = () => ({ orgId: org.id, tokenHash: "h" + Math.random(), expiresAt: new Date(Date.now() + 3600e3), maxDownloads: null, customerEmail: `b${++n}@x.com`, customerName: null, note: null, source: "api", createdById: null, productSlug: "prof-product", version: "1.0.0" });
await mod.mintForReleasedVersion(m());
(driver as any).query = orig;
const plan = [], exec = [];
for (let i = 0; i < 30; i++) {
  (driver as any).query = async (text: string, params: unknown[]) => { captured = { text, params }; return []; };
  await mod.mintForReleasedVersion(m());
  (driver as any).query = orig;
  const r = await orig<any>("EXPLAIN (ANALYZE, FORMAT JSON) " + captured!.text, captured!.params);
  const j = r[0]["QUERY PLAN"][0];
  plan.push(j["Planning Time"]); exec.push(j["Execution Time"]);
}
const med = (a: number[]) => a.sort((x, y) => x - y)[a.length >> 1];
console.log("planning ms median", med(plan), "execution ms median", med(exec));
if (process.env.ASYNC_COMMIT) await orig("SET synchronous_commit = off");
if (process.env.SHOW) for (const k of ["fsync", "synchronous_commit", "wal_sync_method", "full_page_writes"]) console.log(k, (await orig<any>("SHOW " + k))[0]);
for (let i = 0; i < 3000; i++) await mod.mintForReleasedVersion(m());
if (process.env.GENERIC) {
  await orig("SET plan_cache_mode = force_generic_plan");
  (driver as any).query = async (text: string, params: unknown[]) => { captured = { text, params }; return []; };
  await mod.mintForReleasedVersion(m());
  (driver as any).query = orig;
  const r = await orig<any>("EXPLAIN (ANALYZE) " + captured!.text.replace(/^/, ""), captured!.params);
  console.log(r.map((x: any) => x["QUERY PLAN"]).join("\n"));
}
const t = performance.now();
for (let i = 0; i < 200; i++) await mod.mintForReleasedVersion(m());
console.log("whole statement ms", (performance.now() - t) / 200);
await disconnectDb();
