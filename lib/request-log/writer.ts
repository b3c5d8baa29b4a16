import { after } from "next/server";
import { driver } from "@/lib/db/client";
import { newId } from "@/lib/db/ids";
import { toRow, type RecordInput, type RequestLogRow } from "./row";

const BATCH = 1000;

const COLUMNS = [
  ["id", "text"], ["orgId", "text"], ["createdAt", "timestamp(3)"], ["requestId", "text"], ["method", "text"], ["path", "text"],
  ["query", "text"], ["status", "int"], ["statusClass", "int"], ["durationMs", "int"], ["keyId", "text"], ["keyName", "text"],
  ["userId", "text"], ["ip", "text"], ["userAgent", "text"], ["requestHeaders", "jsonb"], ["requestBody", "text"],
  ["requestBodyTruncated", "boolean"], ["responseBody", "text"], ["responseBodyTruncated", "boolean"],
] as const;

const INSERT = `INSERT INTO "RequestLog" (${COLUMNS.map(([name]) => `"${name}"`).join(", ")})
  SELECT * FROM unnest(${COLUMNS.map(([, type], i) => `$${i + 1}::${type}[]`).join(", ")})`;

/**
 * One INSERT per batch with one array parameter per column, sent by the raw
 * driver: cheap to build and to send. (Prisma's createMany built ~19
 * parameters per row through its query compiler, in the app's own thread:
 * measured at ~30% of whoami throughput under load.)
 */
async function insertBatch(rows: RequestLogRow[]) {
  const value = (row: RequestLogRow, name: (typeof COLUMNS)[number][0]): unknown => {
    if (name === "id") return newId(new Date(row.createdAt ?? Date.now()).getTime());
    // An ISO string, not a Date: node-postgres would write a Date in local time.
    if (name === "createdAt") return new Date(row.createdAt ?? Date.now()).toISOString();
    if (name === "requestHeaders") return row.requestHeaders == null ? null : JSON.stringify(row.requestHeaders);
    return row[name] ?? null;
  };
  await driver.query(INSERT, COLUMNS.map(([name]) => rows.map((row) => value(row, name))));
}

const FLUSH_AFTER_MS = 200;
const MAX_BUFFER = 200_000;
// Masking runs in slices this size, so a batch never holds the event loop for long.
const SLICE = 100;

/**
 * Request history is written in batches, after the response has gone out:
 * one INSERT per up to 1000 requests instead of one per request. Requests wait
 * as handed over and are masked when their batch is built. A failed insert
 * keeps its rows and retries with backoff; only a buffer past MAX_BUFFER (a
 * database down for a long time under load) sheds the oldest, loudly.
 * SIGTERM flushes what is left.
 */
class RequestLogWriter {
  private received: RecordInput[] = [];
  private rows: RequestLogRow[] = [];
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private flushing: Promise<void> | undefined;
  private failures = 0;
  private waiters: (() => void)[] = [];
  private held = false;
  /** Records taken off the queues and not yet written: being masked, or in an INSERT. */
  private inFlight = 0;

  enqueue(input: RecordInput) {
    if (!this.held) this.holdShutdown();
    this.received.push(input);
    if (this.pending > MAX_BUFFER) {
      const excess = this.pending - MAX_BUFFER;
      const fromRows = this.rows.splice(0, excess).length;
      this.received.splice(0, excess - fromRows);
      console.error(`[request-log] buffer full: dropped ${excess} oldest records`);
    }
    // A full batch is written on the next turn of the event loop, never inside the request.
    if (this.received.length >= BATCH && !this.failures) this.immediate ??= setImmediate(() => {
      this.immediate = undefined;
      void this.flush();
    });
    else this.schedule(FLUSH_AFTER_MS);
  }

  private schedule(ms: number) {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.flush();
    }, ms);
    this.timer.unref?.();
  }

  /** Writes everything buffered so far; one flush at a time. */
  flush(): Promise<void> {
    this.flushing ??= this.writeAll().finally(() => {
      this.flushing = undefined;
      this.wakeWaiters();
    });
    return this.flushing;
  }

  private async writeAll() {
    while (this.rows.length || this.received.length) {
      // While the database refuses, mask the whole backlog: rows are far smaller than the requests they came from.
      while (this.received.length && (this.rows.length < BATCH || this.failures)) {
        const slice = this.received.splice(0, SLICE);
        this.inFlight += slice.length;
        const built = await Promise.all(slice.map(toRow));
        this.inFlight -= slice.length;
        this.rows.push(...built);
        if (this.received.length) await new Promise((resolve) => setImmediate(resolve));
      }
      const batch = this.rows.splice(0, BATCH);
      this.inFlight += batch.length;
      try {
        await insertBatch(batch);
        this.failures = 0;
      } catch (err) {
        this.rows.unshift(...batch);
        this.failures++;
        console.error(`[request-log] could not write ${batch.length} records (attempt ${this.failures}), will retry: ${(err as Error).message}`);
        this.schedule(Math.min(30_000, 250 * 2 ** this.failures));
        return;
      } finally {
        this.inFlight -= batch.length;
      }
    }
  }

  /**
   * `next start` exits on SIGTERM once the promises handed to after() settle.
   * One such promise per stretch of buffered records (not one per request)
   * keeps the process alive until they are written or the database refuses.
   * Outside a request scope (tests, scripts) there is nothing to hold.
   */
  private holdShutdown() {
    this.held = true;
    try {
      after(() => this.settled());
    } catch {
      this.held = false; // not inside a request
    }
  }

  /** Resolves once the buffer is empty, or a write has failed and is waiting to retry. */
  private settled(): Promise<void> {
    const promise = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.wakeWaiters();
    return promise;
  }

  private wakeWaiters() {
    if (this.pending && !this.failures) return;
    this.held = false;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  /** Tests and shutdown: until the buffer is empty (or the database refuses). */
  async drain() {
    for (let i = 0; i < 100 && (this.pending || this.flushing); i++) {
      await this.flush();
      if (this.failures) break;
    }
  }

  get pending() {
    return this.received.length + this.rows.length + this.inFlight;
  }
}

const state = globalThis as unknown as { __continuataRequestLog?: RequestLogWriter };

export function requestLogWriter(): RequestLogWriter {
  if (!state.__continuataRequestLog) {
    state.__continuataRequestLog = new RequestLogWriter();
    process.once("SIGTERM", () => void state.__continuataRequestLog?.drain());
  }
  return state.__continuataRequestLog;
}
