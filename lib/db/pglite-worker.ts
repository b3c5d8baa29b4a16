import { parentPort, workerData } from "node:worker_threads";
import { PGlite } from "@electric-sql/pglite";
import { servePGlite } from "./pglite-server";

/**
 * The embedded database's own thread: it owns the PGlite instance and serves
 * it over the PostgreSQL wire protocol (lib/db/pglite-server.ts), to the app
 * on its other thread and to local processes alike. Messages from the app:
 * "close" closes the server and the database cleanly, then says "closed".
 */
export interface WorkerInput {
  dataDir: string;
  port: number;
  publish: boolean;
}

export type WorkerMessage = { type: "ready"; url: string; port: number } | { type: "failed"; message: string } | { type: "closed" };

const input = workerData as WorkerInput;
const port = parentPort!;
const say = (m: WorkerMessage) => port.postMessage(m);

try {
  const pglite = await PGlite.create(input.dataDir);
  const server = await servePGlite(pglite, { pgliteDir: input.dataDir, port: input.port, publish: input.publish });
  port.on("message", async (m: { type: string }) => {
    if (m.type !== "close") return;
    await server.close();
    await pglite.close();
    say({ type: "closed" });
    port.close();
  });
  say({ type: "ready", url: server.info.url, port: server.port });
} catch (err) {
  say({ type: "failed", message: (err as Error).message });
  port.close();
}
