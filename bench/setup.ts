import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { parentOf } from "./lib";

/**
 * A fresh, migrated database for one benchmark run: a new database on
 * BENCH_DATABASE_URL's server, or an embedded PGlite in a temporary directory.
 * Sets DATABASE_URL / CONTINUATA_DATA_DIR for this process and the server it starts.
 */
export async function freshDatabase(name: string) {
  const dataDir = mkdtempSync(path.join(tmpdir(), `bench-${name}-`));
  const serverUrl = process.env.BENCH_DATABASE_URL;
  let dbName = "";
  if (serverUrl) {
    dbName = `continuata_bench_${Date.now().toString(36)}`;
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`CREATE DATABASE "${dbName}"`);
    // The server's postmaster, when it runs on this machine: bench/lib.ts counts its CPU time.
    const [{ pid }] = (await c.query<{ pid: number }>("SELECT pg_backend_pid() AS pid")).rows;
    const postmaster = parentOf(pid);
    if (postmaster) process.env.BENCH_POSTMASTER_PID = String(postmaster);
    else delete process.env.BENCH_POSTMASTER_PID;
    await c.end();
    const u = new URL(serverUrl);
    u.pathname = `/${dbName}`;
    process.env.DATABASE_URL = u.toString();
  } else {
    delete process.env.DATABASE_URL;
    delete process.env.BENCH_POSTMASTER_PID;
  }
  process.env.CONTINUATA_DATA_DIR = dataDir;

  const { openDatabase } = await import("@/lib/db/adapter");
  const { resolveDatabaseConfig } = await import("@/lib/db/config");
  const { applyMigrations } = await import("@/lib/db/migrate");
  const opened = openDatabase(resolveDatabaseConfig());
  await applyMigrations(opened.adapter);
  await opened.close();

  return {
    dataDir,
    backend: serverUrl ? "PostgreSQL" : "PGlite",
    serverEnv: { CONTINUATA_DATA_DIR: dataDir, ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) },
    async cleanup() {
      rmSync(dataDir, { recursive: true, force: true });
      if (!dbName) return;
      await new Promise((r) => setTimeout(r, 500));
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${dbName}" WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The organisation and owner every benchmark measures with. */
export async function benchOrg() {
  const { db } = await import("@/lib/db/client");
  const user = await db.user.create({ data: { email: "bench@example.com" } });
  const org = await db.organization.create({ data: { name: "Bench", slug: "bench" } });
  await db.membership.create({ data: { orgId: org.id, userId: user.id, role: "owner" } });
  return { user, org, actor: { userId: user.id, via: "cli" as const } };
}
