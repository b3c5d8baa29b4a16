import { getDb, currentOpenDatabase } from "./client";
import { resolveDatabaseConfig } from "./config";
import { servePGlite } from "./pglite-server";

/**
 * On the embedded default, the running app serves its database to other local
 * processes (lib/db/pglite-server.ts). EMBEDDED_DB_PORT picks the port (default:
 * any free one, written to ./data/pglite/continuata.socket.json); "off" serves nothing.
 * With the database on its own thread (the default, lib/db/pglite-thread.ts) that
 * thread serves it as it opens: this only opens it at start-up. Here the
 * in-thread case (EMBEDDED_DB_THREAD=off) is served.
 */
export async function serveEmbeddedDatabase(env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const config = resolveDatabaseConfig(env);
  if (config.kind !== "pglite" || env.EMBEDDED_DB_PORT === "off") return;
  getDb();
  const pglite = currentOpenDatabase()?.pglite;
  if (!pglite) return;
  const port = env.EMBEDDED_DB_PORT ? Number(env.EMBEDDED_DB_PORT) : 0;
  try {
    const server = await servePGlite(pglite, { pgliteDir: config.dataDir, port });
    console.log(`[db] embedded database open to local processes on 127.0.0.1:${server.port} (npm run admin, npm run demo, psql)`);
  } catch (err) {
    console.error("[db] could not serve the embedded database to other processes:", (err as Error).message);
  }
}
