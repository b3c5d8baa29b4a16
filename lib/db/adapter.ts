import { mkdirSync } from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPGlite } from "pglite-prisma-adapter";
import type { DatabaseConfig } from "./config";
import { postgresChangeFeed, type SubscribeOptions } from "./listen";
import { acquireDataDirLock, DatabaseInUseError, lockOwner } from "./pglite-lock";
import { onSocketNotification, readSocketInfo } from "./pglite-server";
import { openPGliteThread } from "./pglite-thread";

export type AdapterFactory = PrismaPg | PrismaPGlite;

/**
 * The database driver itself, past Prisma. Only for the few statements on every
 * API request (credential lookup, request-log batches, the health check):
 * there, Prisma's query pipeline cost more CPU than the query (see
 * BENCHMARKS.md). Timestamps go in as ISO strings and come back as
 * `timestamptz`, so neither driver applies the process's local time zone.
 */
export interface Driver {
  /**
   * `name` makes it a prepared statement, parsed and planned once per
   * connection instead of on every call (PostgreSQL, and the embedded database
   * on its own thread); for the few statements that run on every request or
   * checkout. A name stands for one text: never reuse it for another.
   */
  query<T>(text: string, params?: unknown[], name?: string): Promise<T[]>;
  /**
   * Calls `onChange` for every NOTIFY on `channel`. On the embedded database
   * that happens before the promise of the write that committed it resolves:
   * it is the one process writing (the data-directory lock), and PGlite queues
   * notifications while it reads the commit's reply. On PostgreSQL a dedicated
   * LISTEN connection hears other processes' commits a few milliseconds after
   * them, and this process's own writes matching `options.localWrites` count
   * as soon as they return; `options.onState` hears when that connection is
   * lost and back. Null where there is no feed.
   */
  subscribe(channel: string, onChange: () => void, options?: SubscribeOptions): Promise<(() => Promise<void>) | null>;
}

export interface OpenDatabase<A extends SqlDriverAdapterFactory = AdapterFactory> {
  adapter: A;
  /** The embedded instance when this process owns the data directory (lib/db/pglite-server.ts serves it). */
  pglite?: PGlite;
  driver: Driver;
  close(): Promise<void>;
}

/**
 * Opens the configured database: a Prisma driver adapter and the raw driver,
 * sharing one connection pool (PostgreSQL) or one instance (PGlite) in this thread.
 */
export function openDatabase(config: DatabaseConfig): OpenDatabase {
  if (config.kind === "postgres") {
    // A database that does not answer a connection attempt (host down, network gone) fails the request
    // after 5 s as 503 UNAVAILABLE (lib/db/unavailable.ts) instead of hanging it until TCP gives up.
    const connectionTimeoutMillis = 5000;
    return openPostgres(stripPrismaParams(config.url), {
      schema: config.schema,
      max: Number(process.env.DATABASE_POOL_SIZE ?? 10),
      connectionTimeoutMillis,
    });
  }
  const held = lockDataDir(config.dataDir);
  if ("opened" in held) return held.opened;
  try {
    // The constructor returns at once; queries wait until PGlite is ready.
    return openPGlite(new PGlite(config.dataDir), held.release);
  } catch (err) {
    held.release();
    throw err;
  }
}

/**
 * The app server's database. On the embedded default, PGlite gets a thread of
 * its own (lib/db/pglite-thread.ts) unless EMBEDDED_DB_THREAD=off; scripts
 * (the CLI, migrations, tests) keep it in their own thread, where a short run
 * gains nothing from another.
 */
export function openAppDatabase(config: DatabaseConfig, env: NodeJS.ProcessEnv = process.env): OpenDatabase<SqlDriverAdapterFactory> {
  if (config.kind !== "pglite" || env.EMBEDDED_DB_THREAD === "off") return openDatabase(config);
  const held = lockDataDir(config.dataDir);
  if ("opened" in held) return held.opened;
  const port = env.EMBEDDED_DB_PORT && env.EMBEDDED_DB_PORT !== "off" ? Number(env.EMBEDDED_DB_PORT) : 0;
  return openPGliteThread(config.dataDir, held.release, { port, publish: env.EMBEDDED_DB_PORT !== "off" });
}

/**
 * PGlite is a single-process database: a lock file makes a second process
 * (say, the admin CLI while the dev server runs) its client, through the
 * socket the running app serves, instead of corrupting the data directory.
 */
function lockDataDir(dataDir: string): { release: () => void } | { opened: OpenDatabase } {
  mkdirSync(dataDir, { recursive: true });
  try {
    return { release: acquireDataDirLock(dataDir) };
  } catch (err) {
    // The running app holds the directory: talk to its database through the socket it serves.
    const info = err instanceof DatabaseInUseError ? readSocketInfo(dataDir) : null;
    if (!info || info.pid !== lockOwner(dataDir)) throw err;
    return { opened: openPostgres(info.url, { max: 1, connectionTimeoutMillis: 5000 }) };
  }
}

export function openPostgres(
  connectionString: string,
  options: { schema?: string; max?: number; connectionTimeoutMillis?: number } = {},
): OpenDatabase {
  const pool = new pg.Pool({ connectionString, max: options.max ?? 10, connectionTimeoutMillis: options.connectionTimeoutMillis });
  // An idle connection dropped by the server must not crash the process; the pool replaces it.
  pool.on("error", (err) => console.error("[db] idle connection error:", err.message));
  const feed = postgresChangeFeed(connectionString, pool);
  // Behind a pooler that cannot keep prepared statements (PgBouncer before 1.21 in transaction mode): DATABASE_PREPARED_STATEMENTS=off.
  const prepare = process.env.DATABASE_PREPARED_STATEMENTS !== "off";
  return {
    adapter: new PrismaPg(pool, options.schema ? { schema: options.schema } : undefined),
    driver: {
      query: async (text, params, name) =>
        name && prepare ? preparedQuery(pool, name, text, params) : (await pool.query(text, params)).rows,
      subscribe: feed.subscribe,
    },
    close: async () => {
      await feed.close();
      await pool.end();
    },
  };
}

export function openPGlite(pglite: PGlite, release: () => void = () => {}): OpenDatabase {
  return {
    adapter: new PrismaPGlite(pglite),
    pglite,
    driver: {
      query: async <T>(text: string, params?: unknown[]) => (await pglite.query<T>(text, params)).rows,
      subscribe: async (channel, onChange) => {
        const unlisten = await pglite.listen(channel, onChange);
        // Commits of other processes through the socket notify the client that sent them, not PGlite's listeners.
        const off = onSocketNotification(channel, onChange);
        return async () => {
          off();
          await unlisten();
        };
      },
    },
    close: async () => {
      await pglite.close();
      release();
    },
  };
}

/**
 * A named statement, prepared once per connection. If it is gone from the
 * server (a DEALLOCATE by hand), node-postgres would go on binding the missing
 * name: forget its note and prepare it again, once.
 */
async function preparedQuery<T>(pool: pg.Pool, name: string, text: string, values?: unknown[]): Promise<T[]> {
  const client = await pool.connect();
  let failed: Error | undefined;
  try {
    try {
      return (await client.query({ name, text, values })).rows as T[];
    } catch (err) {
      if ((err as { code?: string }).code !== "26000") throw err;
      delete (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements[name];
      return (await client.query({ name, text, values })).rows as T[];
    }
  } catch (err) {
    failed = err as Error;
    throw err;
  } finally {
    // As pool.query does: a connection that failed a query is not reused.
    client.release(failed);
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
