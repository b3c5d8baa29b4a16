import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { expect, test } from "@playwright/test";
import { uniqueEmail } from "./helpers";

/**
 * The production build on the embedded default runs PGlite on a thread of its
 * own and serves it to local processes (lib/db/pglite-thread.ts). What a
 * newcomer does from a second terminal must reach the running app, and a
 * credential changed by another process must stop working within a second.
 */
const run = promisify(execFile);
const dataDir = ".e2e-data"; // playwright.config.ts
const admin = (...args: string[]) =>
  run("npx", ["tsx", "scripts/admin.ts", ...args], {
    env: { ...process.env, CONTINUATA_DATA_DIR: dataDir, DATABASE_URL: "" },
    timeout: 120_000,
  }).then(({ stdout }) => stdout.trim().split("\n").pop()!);

test("npm run admin reaches the running app's embedded database; a key revoked by another process stops within 1 s", async ({
  request,
}) => {
  test.setTimeout(240_000);
  const owner = uniqueEmail("cli");
  const slug = await admin("create-org", "--name", "Terminal Two", "--owner", owner);
  expect(slug).toMatch(/^terminal-two/);
  const key = await admin("create-key", "--org", slug, "--email", owner);
  expect(key).toMatch(/^ct_[0-9A-Za-z]{38}$/);

  // The app sees the organisation and the key at once; this answer also puts the key in its credential cache.
  const whoami = () => request.get("/api/whoami", { headers: { authorization: `Bearer ${key}` } });
  const first = await whoami();
  expect(first.status()).toBe(200);
  const { data } = await first.json();
  expect(data.organization_slug).toBe(slug);

  // Another process (here: this test, as psql would) revokes the key with plain SQL through the app's socket.
  const info = JSON.parse(readFileSync(path.join(dataDir, "pglite", "continuata.socket.json"), "utf8"));
  const client = new pg.Client({ connectionString: info.url });
  await client.connect();
  try {
    const revoked = await client.query(`UPDATE "ApiKey" SET "revokedAt" = now() WHERE id = $1`, [data.api_key_id]);
    expect(revoked.rowCount).toBe(1);
  } finally {
    await client.end();
  }
  const since = Date.now();
  await expect.poll(async () => (await whoami()).status(), { timeout: 1000, intervals: [20] }).toBe(401);
  expect(Date.now() - since).toBeLessThan(1000);
});
