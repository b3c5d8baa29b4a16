// Fault test (run by .ci/run): a throwaway PostgreSQL under the production build.
//   1. a body nobody reads (40 KB POST with a read-only key) and a NUL body: every later request still recorded;
//   2. PostgreSQL stopped for ~10 s under load: 503 UNAVAILABLE with Retry-After (never 500), recovery without
//      restart, and every request of the outage recorded once the database is back;
//   3. SIGTERM under load: every answered request recorded, the process gone within a few seconds;
//   4. SIGTERM with the database down: gone within seconds, the records it could not write reported as lost.
// Prints the figures (BENCHMARKS.md quotes them). Cleans up its PostgreSQL even on failure.
// Usage: npx tsx scripts/fault-test.ts   (FAULT_PG_PORT=5441, FAULT_APP_PORT=3302)
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

const PG_BIN = "/usr/lib/postgresql/15/bin";
const PG_PORT = Number(process.env.FAULT_PG_PORT ?? 5441);
const APP_PORT = Number(process.env.FAULT_APP_PORT ?? 3302);
const APP = `http://localhost:${APP_PORT}`;
const DATABASE_URL = `postgresql://postgres@127.0.0.1:${PG_PORT}/postgres`;
const OUTAGE_MS = 10_000;
const CONCURRENCY = 8;
const root = path.resolve(import.meta.dirname, "..");

const dir = mkdtempSync(path.join(tmpdir(), "continuata-fault-"));
const pgData = path.join(dir, "pg");
let server: ChildProcess | undefined;
let serverLog = "";
const failures: string[] = [];

function check(ok: boolean, what: string) {
  console.log(`${ok ? "ok  " : "FAIL"} ${what}`);
  if (!ok) failures.push(what);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const asPostgres = (bin: string, args: string[]) =>
  execFileSync("runuser", ["-u", "postgres", "--", path.join(PG_BIN, bin), ...args], { stdio: ["ignore", "pipe", "pipe"] }).toString();
const pgCtl = (...args: string[]) => asPostgres("pg_ctl", ["-D", pgData, "-w", "-t", "30", ...args]);
const startPg = () =>
  pgCtl("-l", path.join(dir, "pg.log"), "-o", `-p ${PG_PORT} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off`, "start");
const stopPg = (mode = "fast") => pgCtl("-m", mode, "stop");

const env = { ...process.env, DATABASE_URL, NEXT_TELEMETRY_DISABLED: "1" };
const run = (cmd: string, args: string[]) => execFileSync(cmd, args, { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] }).toString();
const lastLine = (out: string) => out.trim().split("\n").at(-1)!.trim();

async function query<T>(sql: string, params: unknown[] = []): Promise<T[]> {
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as T[];
  } finally {
    await client.end();
  }
}
const countRows = async (where = "true", params: unknown[] = []) =>
  Number((await query<{ n: string }>(`SELECT count(*) AS n FROM "RequestLog" WHERE ${where}`, params))[0].n);

async function startServer() {
  serverLog = "";
  // The next binary itself, not npx: SIGTERM must reach the server, not a wrapper.
  server = spawn(path.join(root, "node_modules", ".bin", "next"), ["start", "-p", String(APP_PORT)], {
    cwd: root,
    env: {
      ...env,
      PORT: String(APP_PORT),
      MAIL_OUTBOX: "1",
      AUTH_SECRET: "fault-test",
      NEXTAUTH_URL: APP,
      CONTINUATA_DATA_DIR: path.join(dir, "data"),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  server.stdout!.on("data", (d) => (serverLog += d));
  server.stderr!.on("data", (d) => (serverLog += d));
  for (let i = 0; i < 100; i++) {
    if ((await fetch(`${APP}/api/health`).catch(() => null))?.ok) return;
    await sleep(200);
  }
  throw new Error(`server did not start:\n${serverLog}`);
}

interface Tally {
  sent: number;
  answered: number;
  byStatus: Map<number, number>;
  without503RetryAfter: number;
  connectionErrors: number;
}
const newTally = (): Tally => ({ sent: 0, answered: 0, byStatus: new Map(), without503RetryAfter: 0, connectionErrors: 0 });

/** GET /api/whoami from CONCURRENCY workers until `stop()`; tallies every answer. */
function load(token: string, tally: Tally) {
  let running = true;
  const worker = async () => {
    while (running) {
      tally.sent++;
      try {
        const res = await fetch(`${APP}/api/whoami`, {
          headers: { authorization: `Bearer ${token}` },
          signal: AbortSignal.timeout(15_000),
        });
        await res.arrayBuffer();
        tally.answered++;
        tally.byStatus.set(res.status, (tally.byStatus.get(res.status) ?? 0) + 1);
        if (res.status === 503 && !res.headers.get("retry-after")) tally.without503RetryAfter++;
      } catch {
        tally.connectionErrors++;
        await sleep(50);
      }
    }
  };
  const workers = Array.from({ length: CONCURRENCY }, worker);
  return async () => {
    running = false;
    await Promise.all(workers);
  };
}

const fivexx = (t: Tally) => [...t.byStatus].filter(([s]) => s >= 500).reduce((n, [, c]) => n + c, 0);
const describe = (t: Tally) =>
  `${t.sent} sent, ${t.answered} answered (${[...t.byStatus]
    .sort()
    .map(([s, c]) => `${c}×${s}`)
    .join(", ")}), ${t.connectionErrors} connection errors`;

/** Waits until `count()` reaches `expected` (records are written in batches, and after an outage with backoff). */
async function waitForRows(expected: number, count: () => Promise<number>, ms = 20_000) {
  let n = 0;
  for (const until = Date.now() + ms; Date.now() < until; await sleep(250)) if ((n = await count()) >= expected) break;
  return n;
}

async function main() {
  const started = Date.now();
  if (!existsSync(path.join(root, ".next", "BUILD_ID"))) {
    console.log("no production build: npm run build");
    run("npm", ["run", "build"]);
  }
  execFileSync("chown", ["postgres:postgres", dir]);
  asPostgres("initdb", ["-D", pgData, "-U", "postgres", "-A", "trust", "--no-sync"]);
  startPg();
  run("npx", ["tsx", "scripts/migrate.ts"]);
  const slug = lastLine(run("npx", ["tsx", "scripts/admin.ts", "create-org", "--name", "Fault", "--owner", "owner@fault.test"]));
  const key = lastLine(
    run("npx", [
      "tsx",
      "scripts/admin.ts",
      "create-key",
      "--org",
      slug,
      "--email",
      "owner@fault.test",
      "--name",
      "load",
      "--rate-limit",
      "100000",
    ]),
  );
  const readOnly = lastLine(
    run("npx", ["tsx", "scripts/admin.ts", "create-key", "--org", slug, "--email", "owner@fault.test", "--name", "ro", "--scopes", "read"]),
  );
  await startServer();
  const auth = (token: string) => ({ authorization: `Bearer ${token}` });

  console.log("\n# 1. bodies nobody reads, and a NUL byte, do not stop the history");
  const before = await countRows();
  const big = JSON.stringify({ name: "x".repeat(40_000) });
  const early = await fetch(`${APP}/api/products`, {
    method: "POST",
    headers: { ...auth(readOnly), "content-type": "application/json" },
    body: big,
  });
  check(early.status === 403, `40 KB POST with a read-only key: ${early.status}`);
  const nul = await fetch(`${APP}/api/products`, { method: "POST", headers: { ...auth(key), "content-type": "text/plain" }, body: "x\0" });
  check(nul.status < 500, `text/plain body "x\\0": ${nul.status}`);
  const calls = 20;
  for (let i = 0; i < calls; i++) await (await fetch(`${APP}/api/whoami`, { headers: auth(key) })).arrayBuffer();
  const written = await waitForRows(before + calls + 2, () => countRows(), 10_000);
  check(written - before === calls + 2, `all ${calls + 2} requests recorded (${written - before})`);
  const [nulRow] = await query<{ requestBody: string }>(
    `SELECT "requestBody" FROM "RequestLog" WHERE "requestBody" LIKE 'x%' AND method = 'POST' AND "keyName" = 'load'`,
  );
  check(nulRow?.requestBody === "x\\u0000", `NUL stored escaped: ${JSON.stringify(nulRow?.requestBody)}`);

  console.log(`\n# 2. PostgreSQL stopped for ${OUTAGE_MS / 1000} s under load (${CONCURRENCY} workers)`);
  const outageStart = new Date();
  const beforeOutage = await countRows();
  const tally = newTally();
  const stopLoad = load(key, tally);
  await sleep(2000);
  stopPg("fast");
  const stoppedAt = Date.now();
  await sleep(OUTAGE_MS);
  const duringOutage = new Map(tally.byStatus);
  startPg();
  const pgBackAt = Date.now();
  let firstOkAfter: number | null = null;
  const okBefore = tally.byStatus.get(200) ?? 0;
  for (let i = 0; i < 100 && firstOkAfter === null; i++) {
    await sleep(100);
    if ((tally.byStatus.get(200) ?? 0) > okBefore) firstOkAfter = Date.now() - pgBackAt;
  }
  await sleep(3000);
  await stopLoad();
  console.log(`   ${describe(tally)}`);
  check((duringOutage.get(503) ?? 0) > 0, `503 UNAVAILABLE during the outage: ${duringOutage.get(503) ?? 0}`);
  check(tally.without503RetryAfter === 0, `every 503 carries Retry-After (${tally.without503RetryAfter} without)`);
  check(fivexx(tally) === (tally.byStatus.get(503) ?? 0), `no 5xx other than 503 (${fivexx(tally)} 5xx in all)`);
  check(firstOkAfter !== null, `recovered without a restart: first 200 ${firstOkAfter} ms after PostgreSQL was back`);
  const outageRows = await waitForRows(beforeOutage + tally.answered, () => countRows(), 30_000);
  check(outageRows - beforeOutage === tally.answered, `every answered request recorded: ${outageRows - beforeOutage} of ${tally.answered}`);
  const refused = await countRows(`status = 503 AND "createdAt" >= $1`, [outageStart]);
  console.log(`   outage: ${((pgBackAt - stoppedAt) / 1000).toFixed(1)} s, ${refused} records of 503s`);
  const downLines = serverLog.match(/database unavailable since/g)?.length ?? 0;
  check(downLines === 1, `one "database unavailable since" line for the outage (${downLines})`);
  check(/database back after [\d.]+ s, \d+ requests refused/.test(serverLog), `one "database back after" line`);
  check(!/\[api\].*Error/.test(serverLog), "no stack trace per request in the server log");
  const outage = { ...tally, rows: outageRows - beforeOutage };

  console.log("\n# 3. SIGTERM under load");
  const beforeTerm = await countRows();
  const termTally = newTally();
  const stopTermLoad = load(key, termTally);
  await sleep(1500);
  const pid = server!;
  const termAt = Date.now();
  const exited = new Promise<number>((resolve) => pid.once("exit", () => resolve(Date.now() - termAt)));
  pid.kill("SIGTERM");
  const exitMs = await Promise.race([exited, sleep(15_000).then(() => -1)]);
  await stopTermLoad();
  console.log(`   ${describe(termTally)}`);
  console.log(`   server: ${serverLog.match(/\[request-log\] shutdown: .*/)?.[0] ?? "(no shutdown line)"}`);
  check(exitMs >= 0 && exitMs < 7000, `process exited ${exitMs} ms after SIGTERM`);
  const stillServing = await fetch(`${APP}/api/health`).then(
    () => true,
    () => false,
  );
  check(!stillServing, "nothing listens on the port any more");
  const termRows = (await countRows()) - beforeTerm;
  check(termRows === termTally.answered, `every answered request recorded: ${termRows} of ${termTally.answered}`);
  server = undefined;

  console.log("\n# 4. SIGTERM while the database is down: the process still exits within seconds and says what it lost");
  await startServer();
  stopPg("fast");
  let refusedBeforeTerm = 0;
  for (let i = 0; i < 20; i++) if ((await fetch(`${APP}/api/whoami`, { headers: auth(key) })).status === 503) refusedBeforeTerm++;
  check(refusedBeforeTerm === 20, `20 requests answered 503 (${refusedBeforeTerm})`);
  const downServer = server!;
  const downTermAt = Date.now();
  const downExited = new Promise<number>((resolve) => downServer.once("exit", () => resolve(Date.now() - downTermAt)));
  downServer.kill("SIGTERM");
  const downExitMs = await Promise.race([downExited, sleep(15_000).then(() => -1)]);
  check(downExitMs >= 0 && downExitMs < 9000, `process exited ${downExitMs} ms after SIGTERM`);
  const lostLine = serverLog.match(/\[request-log\] shutdown: (\d+) records could not be written/);
  check(lostLine?.[1] === "20", `the log says how many records were lost: ${lostLine?.[0] ?? "no line"}`);
  server = undefined;

  const sent = tally.sent + termTally.sent + calls + 2 + 20;
  const lost = tally.answered - outage.rows + (termTally.answered - termRows);
  console.log(
    `\nfigures: requests sent ${sent}; outage ${describe(tally)}; 5xx other than 503: ${fivexx(tally) - (tally.byStatus.get(503) ?? 0)}; records lost: ${lost}; SIGTERM exit ${exitMs} ms (database down: ${downExitMs} ms, 20 records reported lost); ${((Date.now() - started) / 1000).toFixed(0)} s in all`,
  );
}

async function cleanup() {
  if (server && server.exitCode === null) server.kill("SIGKILL");
  try {
    stopPg("immediate");
  } catch {
    // not running
  }
  rmSync(dir, { recursive: true, force: true });
}

process.on("SIGINT", () => void cleanup().then(() => process.exit(130)));
try {
  await main();
} catch (err) {
  failures.push(String((err as Error).stack ?? err));
  console.error(err);
  if (serverLog) console.error(`--- server log ---\n${serverLog.slice(-4000)}`);
} finally {
  await cleanup();
}
if (failures.length) {
  console.error(`\n${failures.length} check(s) failed`);
  process.exit(1);
}
console.log("\nfault test passed");
process.exit(0);
