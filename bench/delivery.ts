// File delivery: a 100 MB file through GET /download/file (token lookup, atomic
// count, streamed from storage with Range support) against a plain Node file
// stream of the same file, same run; plus POST /api/generate-download-url
// beside GET /api/whoami. Server memory (RSS) is sampled during the downloads.
//   npm run build && npx tsx bench/delivery.ts
import { createReadStream } from "node:fs";
import { createServer } from "node:http";
import path from "node:path";
import { execFileSync } from "node:child_process";
import { load, measured, startServer, stopServer, table } from "./lib";
import { benchOrg, freshDatabase } from "./setup";

const SIZE = 100 * 1024 * 1024;
const fresh = await freshDatabase("delivery");

const { db, disconnectDb } = await import("@/lib/db/client");
const { refreshPersonalKey } = await import("@/lib/keys/manage");
const { createProduct, createVersion, activateVersion } = await import("@/lib/products/products");
const { uploadFile } = await import("@/lib/products/files");
const { mintDownloadToken } = await import("@/lib/downloads/tokens");
const { filesRoot } = await import("@/lib/storage/local");

const { org, actor } = await benchOrg();
const { token: apiKey, key } = await refreshPersonalKey(actor, org.id);
await db.apiKey.update({ where: { id: key.id }, data: { rateLimitPerMinute: 10_000_000 } });
await createProduct(actor, org.id, { id: "big-file", name: "Big file" });
await createVersion(actor, org.id, "big-file", { version: "1.0.0" });
const chunk = Buffer.alloc(1024 * 1024, 7);
const body = new ReadableStream<Uint8Array>({
  start(c) {
    for (let i = 0; i < SIZE / chunk.length; i++) c.enqueue(chunk);
    c.close();
  },
});
const file = await uploadFile(actor, org.id, "big-file", "1.0.0", "big.bin", body, "application/octet-stream");
await activateVersion(actor, org.id, "big-file", "1.0.0");
const minted = await mintDownloadToken({ orgId: org.id, productSlug: "big-file", version: "1.0.0", source: "test" });
await disconnectDb();

let buyer = 0; // distinct buyer emails for the "with purchase" mints
const plainPort = Number(process.env.BENCH_PLAIN_PORT ?? 3411);
const filePath = path.join(filesRoot(), file.storageKey);
const plain = createServer((_req, res) => {
  res.writeHead(200, { "Content-Length": String(SIZE), "Content-Type": "application/octet-stream" });
  createReadStream(filePath).pipe(res);
}).listen(plainPort);

const port = Number(process.env.BENCH_PORT ?? 3410);
const server = await startServer(fresh.serverEnv, port);
// The largest process in the server's process group: next-server itself, not the npx wrapper.
const rss = () =>
  Math.max(
    ...execFileSync("ps", ["-o", "rss=", "-g", String(server.pid)])
      .toString()
      .trim()
      .split(/\s+/)
      .map(Number),
  );

async function timeDownload(url: string): Promise<number> {
  const t = performance.now();
  const res = await fetch(url);
  let n = 0;
  const reader = res.body!.getReader();
  for (let r = await reader.read(); !r.done; r = await reader.read()) n += r.value.length;
  if (n !== SIZE) throw new Error(`got ${n} bytes`);
  return SIZE / 1024 / 1024 / ((performance.now() - t) / 1000);
}

try {
  const results: string[] = [];
  let peak = 0;
  const sampler = setInterval(() => (peak = Math.max(peak, rss())), 100);
  const before = rss();
  // BENCH_MINT_ONLY=1: minting only, no downloads.
  for (let round = 1; round <= (process.env.BENCH_MINT_ONLY ? 0 : 3); round++) {
    const plainMBs = await timeDownload(`http://127.0.0.1:${plainPort}/`);
    const appMBs = await timeDownload(`http://127.0.0.1:${port}/download/file?token=${encodeURIComponent(minted.token)}&file=${file.id}`);
    results.push(`| ${round} | ${plainMBs.toFixed(0)} | ${appMBs.toFixed(0)} | ${(appMBs / plainMBs).toFixed(2)}× |`);
  }
  clearInterval(sampler);
  console.log(`\n### File delivery, 100 MB, PGlite + local storage (${new Date().toISOString().slice(0, 10)})\n`);
  console.log("| round | plain Node stream MB/s | /download/file MB/s | ratio |\n|---|---|---|---|\n" + results.join("\n"));
  console.log(`\nServer RSS: ${(before / 1024).toFixed(0)} MB before, peak ${(peak / 1024).toFixed(0)} MB during three 100 MB downloads.`);

  const auth = { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" };
  const mintUrl = `http://127.0.0.1:${port}/api/generate-download-url`;
  const rows: Awaited<ReturnType<typeof load>>[] = [];
  // Two alternated rounds, so a ratio is not one moment's. "with purchase": a checkout's mint
  // naming a new buyer each time, so the purchase is written in the token's transaction.
  // Each path warmed first: a cold first round would otherwise weigh on whichever runs first.
  await load("warm-up", `http://127.0.0.1:${port}/api/whoami`, auth, 4);
  await loadPost(mintUrl, auth, false);
  await loadPost(mintUrl, auth, true);
  for (const round of [1, 2]) {
    rows.push(await load(`GET /api/whoami (${round})`, `http://127.0.0.1:${port}/api/whoami`, auth, 8, 10, server));
    rows.push(await loadPost(mintUrl, auth, false, `POST /api/generate-download-url (${round})`));
    rows.push(await loadPost(mintUrl, auth, true, `POST /api/generate-download-url, with purchase (${round})`));
  }
  const rate = (p: string) =>
    rows.filter((r) => r.name.startsWith(p) && r.name.includes("purchase") === p.includes("purchase")).reduce((a, r) => a + r.rps, 0);
  console.log(`\n### Minting download URLs on ${fresh.backend} (10 connections, 8 s each)\n\n${table(rows)}`);
  console.log(
    `\nMinting / whoami: **${(rate("POST /api/generate-download-url (") / rate("GET")).toFixed(2)}×**; with the purchase: **${(rate("POST /api/generate-download-url, with purchase") / rate("GET")).toFixed(2)}×** (target ≥ 0.5×).`,
  );
} finally {
  stopServer(server);
  plain.close();
  await fresh.cleanup();
}

async function loadPost(url: string, headers: Record<string, string>, withPurchase: boolean, name = "warm-up") {
  const autocannon = (await import("autocannon")).default;
  const body = { productId: "big-file", version: "1.0.0" };
  return measured(name, server, () =>
    autocannon({
      url,
      method: "POST",
      headers,
      body: JSON.stringify(body),
      ...(withPurchase
        ? {
            setupClient: (client: import("autocannon").Client) => {
              const next = () => client.setBody(JSON.stringify({ ...body, email: `buyer-${++buyer}@example.com` }));
              next();
              client.on("response", next);
            },
          }
        : {}),
      duration: 8,
      connections: 10,
    }),
  );
}
process.exit(0);
