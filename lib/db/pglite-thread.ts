import { rmSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { openPostgres, type OpenDatabase } from "./adapter";
import { socketInfoFile } from "./pglite-server";
import type { WorkerInput, WorkerMessage } from "./pglite-worker";

/**
 * The embedded database on a thread of its own, for the app server: PGlite
 * runs its queries on the thread that calls it, so in the app's thread every
 * statement (the request log's batches, a checkout's mint) took CPU from
 * answering requests, where PostgreSQL would have used another core. Here
 * the app talks to it as to PostgreSQL (a small pool over the wire protocol,
 * lib/db/pglite-server.ts), and that same server lets the admin CLI, `npm run
 * demo` and psql in while the app runs. This process keeps the data
 * directory's lock (`release`); nothing else opens the directory.
 */
export function openPGliteThread(
  dataDir: string,
  release: () => void,
  opts: { port?: number; publish?: boolean } = {},
): OpenDatabase<SqlDriverAdapterFactory> {
  const input: WorkerInput = {
    dataDir,
    port: opts.port ?? 0,
    publish: opts.publish ?? true,
  };
  // The bundler builds the thread's code from this reference (its own entry, like a page's).
  const worker = new Worker(new URL("./pglite-worker.ts", import.meta.url), { workerData: input });
  // The thread must not keep a finished script alive; the pool's sockets decide that.
  worker.unref();
  const messages: ((m: WorkerMessage) => void)[] = [];
  worker.on("message", (m: WorkerMessage) => messages.forEach((fn) => fn(m)));
  let closing = false;
  const exited = new Promise<void>((resolve) => worker.once("exit", () => resolve()));
  worker.on("error", (err) => console.error("[db] the embedded database's thread failed:", err.message));
  worker.on("exit", (code) => {
    if (closing) return;
    // Every query would fail from here on while the process held the data directory:
    // stop, so that whatever runs the app (a supervisor, the developer) starts it again.
    console.error(`[db] the embedded database's thread stopped (exit code ${code}): stopping the app`);
    release();
    process.exit(1);
  });

  const ready = new Promise<OpenDatabase>((resolve, reject) => {
    messages.push((m) => {
      if (m.type === "ready") {
        if (input.publish)
          console.log(`[db] embedded database open to local processes on 127.0.0.1:${m.port} (npm run admin, npm run demo, psql)`);
        resolve(openPostgres(m.url, { max: POOL_SIZE, connectionTimeoutMillis: 5000 }));
      } else if (m.type === "failed") {
        console.error(`[db] the embedded database could not open: ${m.message}`);
        reject(new Error(`the embedded database could not open: ${m.message}`));
      }
    });
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(`the embedded database's thread exited (${code})`)));
  });
  // A failure surfaces on the first query; do not also crash the process as an unhandled rejection.
  let opened: OpenDatabase | null = null;
  void ready.then(
    (o) => (opened = o),
    () => {},
  );
  if (input.publish) process.once("exit", () => rmSync(socketInfoFile(dataDir), { force: true }));

  const adapter: SqlDriverAdapterFactory = {
    provider: "postgres",
    adapterName: "@prisma/adapter-pg",
    connect: async () => (await ready).adapter.connect(),
  };

  return {
    adapter,
    driver: {
      query: (text, params, name) =>
        opened ? opened.driver.query(text, params, name) : ready.then((o) => o.driver.query(text, params, name)),
      subscribe: async (channel, onChange, options) => (await ready).driver.subscribe(channel, onChange, options),
    },
    close: async () => {
      try {
        await (await ready.catch(() => null))?.close();
        const closed = Promise.race([exited, new Promise<void>((resolve) => messages.push((m) => m.type === "closed" && resolve()))]);
        closing = true;
        worker.postMessage({ type: "close" });
        await closed;
        await worker.terminate();
      } finally {
        release();
      }
    },
  };
}

/**
 * PGlite runs one statement at a time; a few connections keep the next
 * statement queued at the thread while one runs, without piling up.
 */
const POOL_SIZE = Number(process.env.EMBEDDED_DB_POOL_SIZE ?? 4);
