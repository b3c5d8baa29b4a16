import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { openPostgres } from "@/lib/db/adapter";
import { applyMigrations } from "@/lib/db/migrate";
import { acquireDataDirLock } from "@/lib/db/pglite-lock";
import { onSocketNotification, servePGlite, socketInfoFile, type PGliteServer } from "@/lib/db/pglite-server";

const run = promisify(execFile);

/**
 * The running app's side is this test process: it holds the data directory's
 * lock and serves its PGlite (as instrumentation.ts does in the app); the
 * admin CLI runs as a separate process against the same data directory.
 */
let root: string;
let pgliteDir: string;
let pglite: PGlite;
let server: PGliteServer;
let release: () => void;

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), "continuata-socket-"));
  pgliteDir = path.join(root, "pglite");
  mkdirSync(pgliteDir);
  release = acquireDataDirLock(pgliteDir);
  const snapshot = process.env.TEST_PGLITE_SNAPSHOT;
  pglite = snapshot ? new PGlite({ loadDataDir: new Blob([readFileSync(snapshot)]) }) : new PGlite();
  if (!snapshot) await applyMigrations(new PrismaPGlite(pglite));
  server = await servePGlite(pglite, { pgliteDir });
  // Without the embedded snapshot (the PostgreSQL run) this migrates a fresh PGlite first.
}, 240_000);

afterAll(async () => {
  await server?.close();
  await pglite?.close();
  release?.();
  rmSync(root, { recursive: true, force: true });
});

describe("the embedded database served to other processes", () => {
  it("writes the port and a password to a 0600 file beside the lock, on 127.0.0.1 only", () => {
    const file = socketInfoFile(pgliteDir);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const info = JSON.parse(readFileSync(file, "utf8"));
    expect(info).toMatchObject({ pid: process.pid, host: "127.0.0.1", port: server.port });
    expect(info.password.length).toBeGreaterThanOrEqual(24);
  });

  it("npm run admin -- create-org succeeds while the app holds the directory, and the app sees the organisation at once", async () => {
    // The app LISTENs (lib/auth/credential-cache.ts); PGlite tells a session only of channels it listens on.
    const unlisten = await pglite.listen("continuata_credentials", () => {});
    let notified = 0;
    const off = onSocketNotification("continuata_credentials", () => notified++);
    const env: NodeJS.ProcessEnv = { ...process.env, CONTINUATA_DATA_DIR: root, DATABASE_URL: "" };
    const { stdout } = await run("npx", ["tsx", "scripts/admin.ts", "create-org", "--name", "Socket Shop", "--owner", "sock@example.com"], {
      env,
      cwd: process.cwd(),
      timeout: 200_000,
    });
    const slug = stdout.trim().split("\n").pop()!;
    expect(slug).toMatch(/^socket-shop/);
    const rows = await pglite.query<{ name: string }>(`SELECT name FROM "Organization" WHERE slug = $1`, [slug]);
    expect(rows.rows).toEqual([{ name: "Socket Shop" }]);
    // The CLI's commit reached the app's NOTIFY listeners (the credential cache empties on it).
    expect(notified).toBeGreaterThan(0);
    off();
    await unlisten();
  }, 240_000);

  it("refuses a wrong password", async () => {
    const client = new pg.Client({ host: "127.0.0.1", port: server.port, user: "postgres", password: "wrong", database: "postgres" });
    await expect(client.connect()).rejects.toThrow(/password authentication failed/);
  });

  it("a client's transaction holds the database: the app's queries neither run inside it nor see it before COMMIT", async () => {
    const client = new pg.Client({ connectionString: server.info.url });
    await client.connect();
    await client.query("CREATE TABLE IF NOT EXISTS socket_probe (n int)");
    await client.query("BEGIN");
    await client.query("INSERT INTO socket_probe VALUES (1)");
    let done = false;
    const appQuery = pglite.query<{ c: number }>("SELECT count(*)::int AS c FROM socket_probe").then((r) => ((done = true), r.rows[0].c));
    await new Promise((r) => setTimeout(r, 300));
    expect(done).toBe(false);
    await client.query("ROLLBACK");
    expect(await appQuery).toBe(0);
    await client.end();
  });

  it("a client that goes silent inside a transaction is rolled back, and the app goes on", async () => {
    const client = new pg.Client({ connectionString: server.info.url });
    client.on("error", () => {});
    await client.connect();
    await client.query("BEGIN");
    await client.query("INSERT INTO socket_probe VALUES (2)");
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const rows = await pglite.query<{ c: number }>("SELECT count(*)::int AS c FROM socket_probe");
    expect(rows.rows[0].c).toBe(0);
    expect(pglite.isInTransaction()).toBe(false);
  });

  it("a commit's NOTIFY reaches every other client that LISTENs on its channel, and no longer once it UNLISTENs", async () => {
    // The app on its own thread is such a client: its credential cache LISTENs through this server (lib/db/pglite-thread.ts).
    const listener = new pg.Client({ connectionString: server.info.url });
    const writer = new pg.Client({ connectionString: server.info.url });
    // At once: a client that has connected and says nothing yet must not hold the other one up.
    await Promise.all([listener.connect(), writer.connect()]);
    const heard: string[] = [];
    listener.on("notification", (n) => heard.push(`${n.channel}:${n.payload}`));
    await listener.query('LISTEN "socket_probe_channel"');
    await writer.query("BEGIN");
    await writer.query("SELECT pg_notify('socket_probe_channel', 'one')");
    await writer.query("SELECT pg_notify('other_channel', 'not for it')");
    await new Promise((r) => setTimeout(r, 100));
    expect(heard).toEqual([]); // not before COMMIT
    await writer.query("COMMIT");
    await expect.poll(() => heard, { timeout: 2000 }).toEqual(["socket_probe_channel:one"]);
    // The listener still works as a client afterwards: the forwarded message left its stream whole.
    expect((await listener.query("SELECT 1 AS n")).rows).toEqual([{ n: 1 }]);
    // Another client's UNLISTEN, or an attempt to reset the session, must not deafen this one (the app's credential feed).
    const other = new pg.Client({ connectionString: server.info.url });
    await other.connect();
    await other.query('LISTEN "socket_probe_channel"');
    await other.query("UNLISTEN *");
    await expect(other.query("DISCARD ALL")).rejects.toMatchObject({ code: "0A000" });
    await expect(other.query("SELECT 1; UNLISTEN socket_probe_channel")).rejects.toMatchObject({ code: "0A000" });
    await expect(other.query({ name: "unlisten_probe", text: "UNLISTEN socket_probe_channel" })).rejects.toMatchObject({ code: "0A000" });
    await writer.query("NOTIFY socket_probe_channel, 'two'");
    await expect.poll(() => heard, { timeout: 2000 }).toEqual(["socket_probe_channel:one", "socket_probe_channel:two"]);
    // Its own UNLISTEN stops it hearing.
    await listener.query("UNLISTEN socket_probe_channel");
    await writer.query("NOTIFY socket_probe_channel, 'three'");
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toEqual(["socket_probe_channel:one", "socket_probe_channel:two"]);
    await Promise.all([listener.end(), writer.end(), other.end()]);
  });

  it("each client's prepared statements are its own, though every client shares PGlite's one session, and leave with it", async () => {
    const a = new pg.Client({ connectionString: server.info.url });
    const b = new pg.Client({ connectionString: server.info.url });
    await Promise.all([a.connect(), b.connect()]);
    // The same name for two different statements, as two app instances' pools (or the app and the CLI) would.
    const ask = (c: pg.Client, text: string) => c.query({ name: "probe", text, values: [] });
    for (let i = 0; i < 3; i++) {
      expect((await ask(a, "SELECT 'a' AS who")).rows).toEqual([{ who: "a" }]);
      expect((await ask(b, "SELECT 'b' AS who, 2 AS n")).rows).toEqual([{ who: "b", n: 2 }]);
    }
    // Names PostgreSQL would cut at 63 bytes stay apart too.
    const long = (end: string) => "x".repeat(70) + end;
    expect((await a.query({ name: long("1"), text: "SELECT 1 AS n", values: [] })).rows).toEqual([{ n: 1 }]);
    expect((await a.query({ name: long("2"), text: "SELECT 2 AS n", values: [] })).rows).toEqual([{ n: 2 }]);
    // Nobody can throw away everyone's statements.
    await expect(b.query("DEALLOCATE ALL")).rejects.toMatchObject({ code: "0A000" });
    expect((await ask(a, "SELECT 'a' AS who")).rows).toEqual([{ who: "a" }]);
    const probes = async (c: pg.Client) =>
      (await c.query("SELECT name FROM pg_prepared_statements WHERE statement LIKE '%AS who%'")).rows.length;
    expect(await probes(a)).toBe(2);
    await a.end();
    await expect.poll(() => probes(b), { timeout: 2000 }).toBe(1);
    expect((await ask(b, "SELECT 'b' AS who, 2 AS n")).rows).toEqual([{ who: "b", n: 2 }]);
    await b.end();
  });

  it("the app's driver prepares a statement again when it was deallocated by hand", async () => {
    const opened = openPostgres(server.info.url, { max: 1 });
    try {
      const ask = () => opened.driver.query<{ n: number }>("SELECT 41 + $1::int AS n", [1], "socket_probe_again");
      expect(await ask()).toEqual([{ n: 42 }]);
      const psql = new pg.Client({ connectionString: server.info.url });
      await psql.connect();
      const [{ name }] = (await psql.query("SELECT name FROM pg_prepared_statements WHERE statement LIKE 'SELECT 41%'")).rows;
      await psql.query(`DEALLOCATE "${name}"`);
      await psql.end();
      expect(await ask()).toEqual([{ n: 42 }]);
    } finally {
      await opened.close();
    }
  });
});
