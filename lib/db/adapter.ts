import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseConfig } from "./config";
import { acquireDataDirLock } from "./pglite-lock";

export type AdapterFactory = PrismaPg | PrismaPGlite;

export interface OpenDatabase {
  adapter: AdapterFactory;
  close(): Promise<void>;
}

/**
 * Opens the configured database and returns a Prisma driver adapter for it.
 * PGlite is a single-process database: a lock file makes a second process
 * (say, the admin CLI while the dev server runs) fail with a clear message
 * instead of corrupting the data directory.
 */
export function openDatabase(config: DatabaseConfig): OpenDatabase {
  if (config.kind === "postgres") {
    const adapter = new PrismaPg(
      { connectionString: stripPrismaParams(config.url), max: Number(process.env.DATABASE_POOL_SIZE ?? 10) },
      config.schema ? { schema: config.schema } : undefined,
    );
    return { adapter, close: async () => {} };
  }
  mkdirSync(config.dataDir, { recursive: true });
  const release = acquireDataDirLock(config.dataDir);
  try {
    // The constructor returns at once; queries wait until PGlite is ready.
    const pglite = new PGlite(config.dataDir);
    return {
      adapter: new PrismaPGlite(pglite),
      close: async () => {
        await pglite.close();
        release();
      },
    };
  } catch (err) {
    release();
    throw err;
  }
}

/** node-postgres does not understand Prisma's `?schema=` parameter; the adapter takes it instead. */
function stripPrismaParams(url: string): string {
  const u = new URL(url);
  const schema = u.searchParams.get("schema");
  u.searchParams.delete("schema");
  if (schema) u.searchParams.set("options", `-c search_path=${schema}`);
  return u.toString();
}
