import { after } from "next/server";
import { driver } from "@/lib/db/client";
import { newId } from "@/lib/db/ids";
import { databaseDown, noteDatabaseDown, noteDatabaseUp, onDatabaseBack } from "@/lib/db/outage";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { toRow, type RecordInput, type RequestLogRow } from "./row";
import { withRollup } from "./rollup";

const BATCH = 1000;
/** A batch goes as one JSON parameter: keep it well under what a connection carries in one message (the embedded server takes 64 MiB). */
export const BATCH_BYTES = 8 * 1024 * 1024;

const COLUMNS = [
  ["id", "text"],
  ["orgId", "text"],
  ["createdAt", "timestamp(3)"],
  ["requestId", "text"],
  ["method", "text"],
  ["path", "text"],
  ["query", "text"],
  ["status", "int"],
  ["statusClass", "int"],
  ["durationMs", "int"],
  ["keyId", "text"],
  ["keyName", "text"],
  ["userId", "text"],
  ["ip", "text"],
  ["userAgent", "text"],
  ["requestHeaders", "jsonb"],
  ["requestBody", "text"],
  ["requestBodyTruncated", "boolean"],
  ["responseBody", "text"],
  ["responseBodyTruncated", "boolean"],
] as const;

const INSERT = withRollup(`INSERT INTO "RequestLog" (${COLUMNS.map(([name]) => `"${name}"`).join(", ")})
  SELECT * FROM json_to_recordset($1::json) AS r(${COLUMNS.map(([name, type]) => `"${name}" ${type}`).join(", ")})`);

/**
 * One INSERT per batch (its rollup counts in the same statement), its rows sent
 * as one JSON parameter by the raw driver: JSON.stringify is native, where one
 * array per column had node-postgres escape every string element in
 * JavaScript, in the app's thread; the database parses the JSON in its own.
 * (Prisma's createMany, before that, built ~19 parameters per row through its
 * query compiler: measured at ~30% of whoami throughput under load.)
 */
async function insertBatch(rows: RequestLogRow[]) {
  const records = rows.map((row) => {
    const at = new Date(row.createdAt ?? Date.now());
    // An ISO string, not a Date: the column is UTC wall-clock time.
    return { ...row, id: newId(at.getTime()), createdAt: at.toISOString() };
  });
  await driver.query(INSERT, [JSON.stringify(records)], "request_log_insert");
}

/**
 * Rows recorded while the database was down carry the key's hash instead of
 * its organisation: look the keys up now. Unknown keys are not recorded
 * (like any request whose key belongs to no organisation).
 */
async function resolvePending(rows: RequestLogRow[]): Promise<{ rows: RequestLogRow[]; unknown: number }> {
  const hashes = [...new Set(rows.filter((r) => r.apiKeyHash).map((r) => r.apiKeyHash!))];
  if (!hashes.length) return { rows, unknown: 0 };
  const found = await driver.query<{ hash: string; id: string; orgId: string; name: string; userId: string }>(
    `SELECT hash, id, "orgId", name, "userId" FROM "ApiKey" WHERE hash = ANY($1::text[])`,
    [hashes],
  );
  const byHash = new Map(found.map((k) => [k.hash, k]));
  const out: RequestLogRow[] = [];
  for (const row of rows) {
    if (!row.apiKeyHash) {
      out.push(row);
      continue;
    }
    const key = byHash.get(row.apiKeyHash);
    if (!key) continue;
    const { apiKeyHash: _, ...rest } = row;
    out.push({ ...rest, orgId: key.orgId, keyId: key.id, keyName: key.name, userId: key.userId });
  }
  return { rows: out, unknown: rows.length - out.length };
}

/** Errors that say something about one row's data, not about the database: split the batch to find the row. */
function isDataError(err: unknown): boolean {
  const code = (err as { code?: unknown })?.code;
  if (typeof code !== "string" || !/^[0-9A-Z]{5}$/.test(code)) return true; // no SQLSTATE: e.g. a value the driver cannot send
  return ["21", "22", "23", "54"].includes(code.slice(0, 2));
}

const FLUSH_AFTER_MS = 200;
/** The most records kept while the database refuses writes; past it the oldest are shed (counted, logged once per outage). */
export const MAX_BUFFER = 50_000;
/** …and the most bytes of rows kept (bodies are capped at 32 KB each, so count alone could mean gigabytes). */
export const MAX_BUFFER_BYTES = 64 * 1024 * 1024;
const MAX_BACKOFF_MS = 5000;
/** After SIGTERM the writer tries this long to write what is buffered, then lets the process exit. */
export const SHUTDOWN_FLUSH_MS = 5000;
const EXIT_BACKSTOP_MS = 2000;
// Masking runs in slices this size, so a batch never holds the event loop for long.
const SLICE = 100;

const rowBytes = (row: RequestLogRow) =>
  512 + (row.requestBody?.length ?? 0) + (row.responseBody?.length ?? 0) + (row.path.length + (row.query?.length ?? 0));

export interface WriterStats {
  written: number;
  /** Rows the database refused for their data (bad value, deleted organisation): dropped alone. */
  dropped: number;
  /** Records shed because the buffer was full while the database was down. */
  shed: number;
  /** Records still buffered when the shutdown deadline passed. */
  lost: number;
}

/**
 * Request history is written in batches, after the response has gone out:
 * one INSERT per up to 1000 requests instead of one per request.
 * - Nothing waits without bound: a body capture gets CAPTURE_GRACE_MS after the
 *   response (row.ts), then the record is written with the body "not captured".
 * - A row the database refuses for its data is found by splitting the batch and
 *   dropped alone (counted, logged once per kind of error); the others are written.
 * - While the database is down, records stay buffered (bounded: MAX_BUFFER,
 *   MAX_BUFFER_BYTES; past that the oldest are shed) and are written with backoff
 *   retries, at once when lib/db/outage.ts sees it back.
 * - SIGTERM: at most SHUTDOWN_FLUSH_MS more, then the process may exit; what is
 *   left is reported as lost.
 */
class RequestLogWriter {
  private received: RecordInput[] = [];
  private rows: RequestLogRow[] = [];
  private rowsBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private flushing: Promise<void> | undefined;
  private failures = 0;
  private waiters: (() => void)[] = [];
  private held = false;
  private shutdownBy: number | undefined;
  private loggedDrops = new Set<string>();
  private shedLogged = false;
  /** Records taken off the queues and not yet written: being masked, or in an INSERT. */
  private inFlight = 0;
  readonly stats: WriterStats = { written: 0, dropped: 0, shed: 0, lost: 0 };

  constructor() {
    onDatabaseBack(() => {
      this.shedLogged = false;
      if (this.pending) void this.flush();
    });
  }

  enqueue(input: RecordInput) {
    if (!this.held) this.holdShutdown();
    this.received.push(input);
    this.shedIfFull();
    // A full batch is written on the next turn of the event loop, never inside the request.
    if (this.received.length >= BATCH && !this.failures)
      this.immediate ??= setImmediate(() => {
        this.immediate = undefined;
        void this.flush();
      });
    else this.schedule(FLUSH_AFTER_MS);
  }

  private shedIfFull() {
    let excess = this.pending - MAX_BUFFER;
    let shed = 0;
    while ((excess > 0 || this.rowsBytes > MAX_BUFFER_BYTES) && this.rows.length) {
      this.rowsBytes -= rowBytes(this.rows.shift()!);
      excess--;
      shed++;
    }
    if (excess > 0) shed += this.received.splice(0, excess).length;
    if (!shed) return;
    this.stats.shed += shed;
    if (!this.shedLogged)
      console.error(`[request-log] buffer full (${MAX_BUFFER} records or ${MAX_BUFFER_BYTES >> 20} MiB): shedding the oldest records`);
    this.shedLogged = true;
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
    this.flushing ??= this.writeAll()
      .catch((err) => console.error("[request-log] writer error:", err))
      .finally(() => {
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
        // Bounded: toRow waits at most CAPTURE_GRACE_MS past each response.
        const built = await Promise.all(slice.map((input) => toRow(input)));
        this.inFlight -= slice.length;
        this.pushRows(built);
        if (this.received.length) await new Promise((resolve) => setImmediate(resolve));
      }
      const batch = this.takeRows(BATCH);
      this.inFlight += batch.length;
      let unwritten: RequestLogRow[] = [];
      let failure: unknown;
      try {
        ({ unwritten, failure } = await this.writeRows(batch));
      } finally {
        this.inFlight -= batch.length;
      }
      if (failure) {
        this.rows.unshift(...unwritten);
        this.rowsBytes += unwritten.reduce((n, r) => n + rowBytes(r), 0);
        this.failures++;
        if (isDatabaseUnavailable(failure)) noteDatabaseDown("background", failure);
        else if (this.failures === 1 || this.failures % 10 === 0) {
          console.error(
            `[request-log] could not write ${unwritten.length} records (attempt ${this.failures}), will retry: ${(failure as Error).message}`,
          );
        }
        this.schedule(Math.min(MAX_BACKOFF_MS, 250 * 2 ** this.failures));
        return;
      }
      if (this.failures && databaseDown()) noteDatabaseUp();
      this.failures = 0;
      // Under steady traffic, what arrived during that write is less than a batch: leave it to
      // gather for FLUSH_AFTER_MS, as when idle. Writing it at once kept the writer in a loop of
      // batches of a few rows (about 6 at 500 requests/s), each a statement, a rollup upsert and a
      // commit, paid again and again on the database and on the app's thread. A batch cut by size
      // (large bodies) is followed at once: gathering those would fill MAX_BUFFER_BYTES.
      const cutBySize = batch.length < BATCH && this.rows.length > 0;
      if (this.shutdownBy === undefined && !cutBySize && this.received.length + this.rows.length < BATCH) {
        // Also when a timer fired during the write (it found the write under way): nothing is left waiting without one.
        if (this.pending) this.schedule(FLUSH_AFTER_MS);
        return;
      }
    }
  }

  private pushRows(rows: RequestLogRow[]) {
    this.rows.push(...rows);
    this.rowsBytes += rows.reduce((n, r) => n + rowBytes(r), 0);
  }

  /** Up to `n` rows and BATCH_BYTES (at least one row): a batch of large bodies is one statement of bounded size. */
  private takeRows(n: number) {
    let count = 0;
    let bytes = 0;
    while (count < Math.min(n, this.rows.length)) {
      const size = rowBytes(this.rows[count]);
      if (count > 0 && bytes + size > BATCH_BYTES) break;
      bytes += size;
      count++;
    }
    this.rowsBytes -= bytes;
    return this.rows.splice(0, count);
  }

  /**
   * Inserts `rows`; on a data error splits them until the one bad row is found
   * and dropped. Stops at the first error that is not about data (database down,
   * missing table…) and hands back what is still unwritten, to retry as a whole.
   */
  private async writeRows(rows: RequestLogRow[]): Promise<{ unwritten: RequestLogRow[]; failure?: unknown }> {
    if (!rows.length) return { unwritten: [] };
    let resolved: RequestLogRow[];
    try {
      resolved = (await resolvePending(rows)).rows;
      if (resolved.length) await insertBatch(resolved);
      this.stats.written += resolved.length;
      return { unwritten: [] };
    } catch (err) {
      if (!isDataError(err) || isDatabaseUnavailable(err)) return { unwritten: rows, failure: err };
      if (rows.length === 1) {
        this.drop(rows[0], err);
        return { unwritten: [] };
      }
      const half = Math.ceil(rows.length / 2);
      const first = await this.writeRows(rows.slice(0, half));
      if (first.failure) return { unwritten: [...first.unwritten, ...rows.slice(half)], failure: first.failure };
      return this.writeRows(rows.slice(half));
    }
  }

  private drop(row: RequestLogRow, err: unknown) {
    this.stats.dropped++;
    const code = (err as { code?: string }).code ?? "no code";
    if (this.loggedDrops.has(code)) return;
    this.loggedDrops.add(code);
    console.error(
      `[request-log] dropped a record the database refuses (${code}: ${(err as Error).message}; request ${row.requestId}). ` +
        "Further records refused with this code are dropped and counted without a log line.",
    );
  }

  /**
   * `next start` exits on SIGTERM once the promises handed to after() settle.
   * One such promise per stretch of buffered records (not one per request)
   * keeps the process alive until they are written, or, once SIGTERM has
   * arrived, at most SHUTDOWN_FLUSH_MS. Outside a request scope (tests,
   * scripts) there is nothing to hold.
   */
  private holdShutdown() {
    this.held = true;
    try {
      after(() => this.settled());
    } catch {
      this.held = false; // not inside a request
    }
  }

  /** Resolves once the buffer is empty, or (not shutting down) a write failed and waits to retry, or the shutdown deadline passed. */
  private settled(): Promise<void> {
    const promise = new Promise<void>((resolve) => this.waiters.push(resolve));
    this.wakeWaiters();
    return promise;
  }

  private wakeWaiters() {
    if (this.pending) {
      const deadlinePassed = this.shutdownBy !== undefined && Date.now() >= this.shutdownBy;
      if (this.shutdownBy === undefined ? !this.failures : !deadlinePassed) return;
    }
    this.held = false;
    for (const resolve of this.waiters.splice(0)) resolve();
  }

  /**
   * SIGTERM: keep writing (retrying fast) until the buffer is empty or SHUTDOWN_FLUSH_MS have passed;
   * `next start` exits once its connections are closed and after() settles. Should anything keep the
   * process alive past that, it exits EXIT_BACKSTOP_MS later anyway. At exit, the log says what was lost.
   */
  shutdown(): void {
    if (this.shutdownBy !== undefined) return;
    this.shutdownBy = Date.now() + SHUTDOWN_FLUSH_MS;
    process.once("exit", () => this.reportAtExit());
    const tick = setInterval(() => {
      if (this.pending && Date.now() < this.shutdownBy!) {
        if (!this.flushing) void this.flush();
        return;
      }
      this.wakeWaiters();
      if (Date.now() >= this.shutdownBy!) {
        clearInterval(tick);
        for (const resolve of this.waiters.splice(0)) resolve();
      }
    }, 100);
    tick.unref();
    const backstop = setTimeout(() => {
      console.error(`[request-log] the server is still running ${(SHUTDOWN_FLUSH_MS + EXIT_BACKSTOP_MS) / 1000} s after SIGTERM: exiting`);
      process.exit(143);
    }, SHUTDOWN_FLUSH_MS + EXIT_BACKSTOP_MS);
    backstop.unref();
    void this.flush();
  }

  private reportAtExit() {
    this.stats.lost = this.pending;
    const summary = `${this.stats.written} written since start, ${this.stats.dropped} dropped as unstorable, ${this.stats.shed} shed while the buffer was full`;
    if (this.pending) console.error(`[request-log] shutdown: ${this.pending} records could not be written and are lost (${summary})`);
    else console.error(`[request-log] shutdown: all records written (${summary})`);
  }

  /** Tests and scripts: until the buffer is empty (or the database refuses). */
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
    process.once("SIGTERM", () => state.__continuataRequestLog?.shutdown());
  }
  return state.__continuataRequestLog;
}
