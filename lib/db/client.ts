import { PrismaClient } from "@/lib/generated/prisma/client";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { openAppDatabase, type Driver, type OpenDatabase } from "./adapter";
import { resolveDatabaseConfig } from "./config";

export type Db = PrismaClient;

interface DbState {
  client: PrismaClient;
  opened: OpenDatabase<SqlDriverAdapterFactory>;
}

const globalForDb = globalThis as unknown as { __continuataDb?: DbState };

function createState(): DbState {
  const opened = openAppDatabase(resolveDatabaseConfig(), threadEnv());
  return { client: new PrismaClient({ adapter: opened.adapter }), opened };
}

/** Only the app server gives the embedded database a thread (lib/db/pglite-thread.ts); scripts and tests keep it in theirs. */
function threadEnv(): NodeJS.ProcessEnv {
  return process.env.NEXT_RUNTIME === "nodejs" ? process.env : { ...process.env, EMBEDDED_DB_THREAD: "off" };
}

/**
 * One client per process. Next can evaluate this module once per server layer
 * (and again on every dev reload), so the instance lives on globalThis; that
 * also matters for PGlite, which allows one open handle per directory.
 * Opening is deferred to first use so that importing never touches the disk.
 */
export function getDb(): PrismaClient {
  globalForDb.__continuataDb ??= createState();
  return globalForDb.__continuataDb.client;
}

export const db: PrismaClient = new Proxy({} as PrismaClient, {
  get(_target, prop) {
    const client = getDb();
    const value = Reflect.get(client, prop, client);
    return typeof value === "function" ? value.bind(client) : value;
  },
});

/** The raw driver of the open database, on the same connections as `db`: for the per-request hot path only (see Driver). */
export function currentDriver(): Driver {
  getDb();
  return globalForDb.__continuataDb!.opened.driver;
}

export const driver: Pick<Driver, "query"> = {
  query: (text, params, name) => currentDriver().query(text, params, name),
};

/** The open database of this process, if any (the embedded server needs the PGlite instance). */
export function currentOpenDatabase(): OpenDatabase<SqlDriverAdapterFactory> | undefined {
  return globalForDb.__continuataDb?.opened;
}

/** Tests and tools: use an already opened database instead of the configured one. */
export function useDatabase(opened: OpenDatabase): PrismaClient {
  globalForDb.__continuataDb = { client: new PrismaClient({ adapter: opened.adapter }), opened };
  return globalForDb.__continuataDb.client;
}

/** For scripts and tests: close the client and the embedded database. */
export async function disconnectDb(): Promise<void> {
  const s = globalForDb.__continuataDb;
  if (!s) return;
  globalForDb.__continuataDb = undefined;
  await s.client.$disconnect();
  await s.opened.close();
}
