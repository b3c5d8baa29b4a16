import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { PrismaPg } from "@prisma/adapter-pg";
import { applyMigrations } from "@/lib/db/migrate";

/**
 * One migrated database per test run.
 * - TEST_DATABASE_URL set: a fresh database on that PostgreSQL server, dropped afterwards.
 * - Otherwise: an embedded PGlite snapshot; every test file starts from a copy of it.
 */
export default async function setup() {
  const tmp = mkdtempSync(path.join(tmpdir(), "continuata-test-"));
  process.env.CONTINUATA_DATA_DIR = tmp;
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (serverUrl) {
    const name = `continuata_test_${process.pid}_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: serverUrl });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(serverUrl);
    url.pathname = `/${name}`;
    process.env.DATABASE_URL = url.toString();
    const adapter = new PrismaPg({ connectionString: url.toString() });
    await applyMigrations(adapter);
    return async () => {
      const c = new pg.Client({ connectionString: serverUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
      rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
    };
  }
  delete process.env.DATABASE_URL;
  const pglite = new PGlite();
  await applyMigrations(new PrismaPGlite(pglite));
  const snapshot = path.join(tmp, "snapshot.tar.gz");
  writeFileSync(snapshot, Buffer.from(await (await pglite.dumpDataDir("gzip")).arrayBuffer()));
  await pglite.close();
  process.env.TEST_PGLITE_SNAPSHOT = snapshot;
  return () => rmSync(tmp, { recursive: true, force: true, maxRetries: 3 });
}
