import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { RecordInput } from "./row";

// The writer as `next start` sees it: after() collects the promises the server
// awaits before exiting on SIGTERM; the driver is a fake whose INSERTs we control.
const held: (() => Promise<void>)[] = [];
type Row = Record<string, unknown>;
type Insert = { rows: number; records: Row[]; settle: (error?: Error) => void };
const inserts: Insert[] = [];
/** When set, answers each INSERT at once instead of queueing it in `inserts`. */
let autoAnswer: ((records: Row[]) => Error | undefined) | null = null;
let probeFails = false;
vi.mock("next/server", () => ({ after: (task: () => Promise<void>) => held.push(task) }));
vi.mock("@/lib/db/client", () => ({
  driver: {
    query: (sql: string, params: [string]) => {
      if (sql === "SELECT 1") return probeFails ? Promise.reject(connectionError()) : Promise.resolve([]);
      // The writer sends a batch as one JSON array of records.
      const records = JSON.parse(params[0]) as Row[];
      if (autoAnswer) {
        const error = autoAnswer(records);
        return error ? Promise.reject(error) : Promise.resolve([]);
      }
      return new Promise<void>((resolve, reject) =>
        inserts.push({ rows: records.length, records, settle: (error) => (error ? reject(error) : resolve()) }),
      );
    },
  },
}));

const { requestLogWriter, MAX_BUFFER, BATCH_BYTES } = await import("./writer");
const { CAPTURE_GRACE_MS } = await import("./row");

function connectionError() {
  return Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5441"), { code: "ECONNREFUSED", syscall: "connect", errno: -111 });
}

const input = (over: Partial<RecordInput> = {}): RecordInput => ({
  subject: { orgId: "org_1" },
  receivedAt: new Date(),
  requestId: crypto.randomUUID(),
  req: new Request("http://localhost/api/whoami"),
  url: new URL("http://localhost/api/whoami"),
  ip: null,
  status: 200,
  durationMs: 1,
  requestBody: null,
  responseBody: null,
  ...over,
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
async function waitForInsert() {
  for (let i = 0; i < 200 && !inserts.length; i++) await tick();
  return inserts.shift()!;
}

beforeEach(() => {
  held.length = 0;
  inserts.length = 0;
  autoAnswer = null;
  probeFails = false;
});

describe("the request-log writer at shutdown", () => {
  it("holds the server open with one promise per stretch of records, settled once they are written", async () => {
    const writer = requestLogWriter();
    for (let i = 0; i < 3; i++) writer.enqueue(input());
    expect(held).toHaveLength(1);
    let settled = false;
    const waiting = held[0]().then(() => (settled = true));
    const flushing = writer.flush();
    const insert = await waitForInsert();
    expect(insert.rows).toBe(3);
    await tick();
    expect(settled).toBe(false);
    insert.settle();
    await flushing;
    await waiting;
    expect(writer.pending).toBe(0);

    writer.enqueue(input()); // a new stretch gets its own hold
    expect(held).toHaveLength(2);
    const next = writer.flush();
    (await waitForInsert()).settle();
    await next;
    await held[1]();
  });

  it("lets the server exit when the database refuses, keeping the records for the retry", async () => {
    const writer = requestLogWriter();
    writer.enqueue(input());
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const flushing = writer.flush();
    (await waitForInsert()).settle(connectionError());
    await flushing;
    await held[0](); // resolves: a refused write must not hang shutdown
    expect(writer.pending).toBe(1);
    const retry = writer.flush();
    (await waitForInsert()).settle();
    await retry;
    expect(writer.pending).toBe(0);
    errors.mockRestore();
  });
});

describe("a body capture that never finishes", () => {
  it("is cut off after the grace period: the record is written with the body marked not captured, and later records follow", async () => {
    const writer = requestLogWriter();
    const captures = new AbortController();
    const never = new Promise<never>(() => {});
    const stuck = input({ requestBody: never, captures });
    writer.enqueue(stuck);
    writer.enqueue(input());
    const started = Date.now();
    const flushing = writer.flush();
    const insert = await (async () => {
      for (let i = 0; i < 400 && !inserts.length; i++) await new Promise((r) => setTimeout(r, 10));
      return inserts.shift()!;
    })();
    expect(insert.rows).toBe(2);
    expect(Date.now() - started).toBeLessThan(CAPTURE_GRACE_MS + 8000); // generous: CI machines are loaded
    expect(insert.records[0].requestId).toBe(stuck.requestId);
    expect(insert.records[0].requestBody).toMatch(/^\[body not captured/);
    expect(captures.signal.aborted).toBe(true);
    insert.settle();
    await flushing;
    expect(writer.pending).toBe(0);
  });
});

describe("text the database could not store", () => {
  it("escapes NUL and invalid UTF-8 in bodies", async () => {
    const { captureBody } = await import("./capture");
    const bytes = new Uint8Array([0x78, 0x00, 0xe0, 0xa4, 0x41, 0xff]);
    const body = captureBody(new Response(bytes).body, "text/plain", "6");
    const req = new Request("http://localhost/api/products/a%00b", { headers: { "user-agent": "ua", "x-thing": "v" } });
    const writer = requestLogWriter();
    writer.enqueue(input({ req, url: new URL(req.url), requestBody: body }));
    const flushing = writer.flush();
    const insert = await waitForInsert();
    expect(insert.records[0].requestBody).toBe("x\\u0000\\xE0\\xA4A\\xFF");
    insert.settle();
    await flushing;
  });

  it("escapes NUL and lone surrogates in header names and values (jsonb refuses them)", async () => {
    const { storableRecord } = await import("./storable");
    expect(storableRecord({ "x\u0000": "v\u0000\ud800", ok: "é😀" })).toEqual({ "x\\u0000": "v\\u0000\\ud800", ok: "é😀" });
  });
});

describe("batches of large bodies", () => {
  it("are cut by size as well as by count, so one statement stays well under a connection's message limit", async () => {
    const { captureText } = await import("./capture");
    const writer = requestLogWriter();
    const sizes: number[] = [];
    autoAnswer = (records) => void sizes.push(records.length);
    const big = "x".repeat(30_000);
    for (let i = 0; i < 600; i++)
      writer.enqueue(input({ requestBody: captureText(big, "text/plain"), responseBody: captureText(big, "text/plain") }));
    await writer.drain();
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(600);
    expect(sizes.length).toBeGreaterThan(1);
    for (const n of sizes) expect(n * 60_000).toBeLessThanOrEqual(BATCH_BYTES);
  });
});

describe("under steady traffic", () => {
  // A writer of its own, so no flush timer left by another test fires in the middle;
  // the flush timer faked, so "before" and "after 200 ms" do not depend on the machine's load.
  const global = globalThis as { __continuataRequestLog?: unknown };
  let shared: unknown;
  let writer: ReturnType<typeof requestLogWriter>;
  const settleTurns = async () => {
    for (let i = 0; i < 20; i++) await new Promise((resolve) => setImmediate(resolve));
  };
  const nextInsert = async () => {
    await settleTurns();
    expect(inserts).toHaveLength(1);
    return inserts.shift()!;
  };
  beforeEach(() => {
    shared = global.__continuataRequestLog;
    global.__continuataRequestLog = undefined;
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    writer = requestLogWriter();
  });
  afterEach(async () => {
    vi.useRealTimers();
    await writer.drain();
    global.__continuataRequestLog = shared; // the other tests share one writer, as the app does
  });

  it("gathers what arrives during a write into the next batch instead of writing it at once", async () => {
    for (let i = 0; i < 3; i++) writer.enqueue(input());
    await vi.advanceTimersByTimeAsync(200);
    const first = await nextInsert();
    expect(first.rows).toBe(3);
    for (let i = 0; i < 5; i++) writer.enqueue(input()); // answered while the first batch is written
    first.settle();
    await settleTurns();
    expect(inserts).toHaveLength(0);
    expect(writer.pending).toBe(5);

    for (let i = 0; i < 2; i++) writer.enqueue(input());
    await vi.advanceTimersByTimeAsync(200);
    const second = await nextInsert();
    expect(second.rows).toBe(7);
    second.settle();
    await settleTurns();
    expect(writer.pending).toBe(0);
  });

  it("a flush timer that fires during a slow write is not lost: what waits is written after it", async () => {
    writer.enqueue(input());
    await vi.advanceTimersByTimeAsync(200);
    const slow = await nextInsert();
    for (let i = 0; i < 4; i++) writer.enqueue(input());
    await vi.advanceTimersByTimeAsync(500); // their timer fires while the write is under way
    expect(inserts).toHaveLength(0);
    slow.settle();
    await settleTurns();
    expect(writer.pending).toBe(4);
    await vi.advanceTimersByTimeAsync(200);
    const next = await nextInsert();
    expect(next.rows).toBe(4);
    next.settle();
    await settleTurns();
    expect(writer.pending).toBe(0);
  });

  it("writes full batches, and batches cut by size, one after another without waiting", async () => {
    const { captureText } = await import("./capture");
    const sizes: number[] = [];
    autoAnswer = (records) => void sizes.push(records.length);
    const written = async () => {
      for (let i = 0; i < 200 && sizes.reduce((a, b) => a + b, 0) < 2000; i++) await settleTurns();
      await settleTurns();
    };
    for (let i = 0; i < 2500; i++) writer.enqueue(input());
    await vi.advanceTimersByTimeAsync(200);
    await written();
    expect(sizes).toEqual([1000, 1000]); // the rest, under a batch, gathers
    expect(writer.pending).toBe(500);

    const big = captureText("x".repeat(30_000), "text/plain");
    for (let i = 0; i < 300; i++) writer.enqueue(input({ requestBody: big, responseBody: big }));
    await vi.advanceTimersByTimeAsync(200); // one timer: the batches of large bodies follow each other
    for (let i = 0; i < 200 && writer.pending; i++) await settleTurns();
    expect(writer.pending).toBe(0);
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(2800);
    expect(sizes.length).toBeGreaterThan(4);
  });

  it("drain() writes everything without waiting for the timer, also what arrives meanwhile", async () => {
    const sizes: number[] = [];
    autoAnswer = (records) => void sizes.push(records.length);
    for (let i = 0; i < 3; i++) writer.enqueue(input());
    const draining = writer.drain();
    for (let i = 0; i < 4; i++) writer.enqueue(input());
    await draining;
    expect(sizes.reduce((a, b) => a + b, 0)).toBe(7);
    expect(writer.pending).toBe(0);
  });
});

describe("a row the database refuses for its data", () => {
  it("is dropped alone and counted; the rest of its batch is written", async () => {
    const writer = requestLogWriter();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const bad = input();
    const written: string[] = [];
    let statements = 0;
    autoAnswer = (records) => {
      statements++;
      const ids = records.map((r) => r.requestId as string);
      if (ids.includes(bad.requestId))
        return Object.assign(new Error("insert or update on table violates foreign key constraint"), { code: "23503" });
      written.push(...ids);
    };
    const before = writer.stats.dropped;
    const others = Array.from({ length: 99 }, () => input());
    for (const r of [...others.slice(0, 40), bad, ...others.slice(40)]) writer.enqueue(r);
    await writer.drain();
    expect(writer.pending).toBe(0);
    expect(writer.stats.dropped).toBe(before + 1);
    expect(written.sort()).toEqual(others.map((r) => r.requestId).sort());
    expect(statements).toBeLessThan(20); // bisection, not one INSERT per row
    expect(errors.mock.calls.filter(([m]) => String(m).includes("dropped a record"))).toHaveLength(1);
    // The same kind of failure again: counted, not logged again.
    const again = input();
    autoAnswer = (records) =>
      records.map((r) => r.requestId as string).includes(again.requestId) ? Object.assign(new Error("fk"), { code: "23503" }) : undefined;
    writer.enqueue(again);
    await writer.drain();
    expect(writer.stats.dropped).toBe(before + 2);
    expect(errors.mock.calls.filter(([m]) => String(m).includes("dropped a record"))).toHaveLength(1);
    errors.mockRestore();
  });
});

describe("while the database is down", () => {
  it("retries with backoff, logs the outage once, and writes everything once it is back", async () => {
    const writer = requestLogWriter();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    let down = true;
    let attempts = 0;
    const written: string[] = [];
    autoAnswer = (records) => {
      attempts++;
      if (down) return connectionError();
      written.push(...records.map((r) => r.requestId as string));
    };
    probeFails = true;
    const records = Array.from({ length: 5 }, () => input());
    for (const r of records) writer.enqueue(r);
    await writer.flush();
    await new Promise((r) => setTimeout(r, 1200));
    expect(written).toEqual([]);
    expect(attempts).toBeGreaterThanOrEqual(2); // retried
    expect(attempts).toBeLessThan(8); // with backoff, not in a tight loop
    expect(errors.mock.calls.filter(([m]) => String(m).includes("database unavailable since"))).toHaveLength(1);
    down = false;
    probeFails = false;
    for (let i = 0; i < 60 && written.length < 5; i++) await new Promise((r) => setTimeout(r, 50));
    expect(written.sort()).toEqual(records.map((r) => r.requestId).sort());
    expect(errors.mock.calls.some(([m]) => /database back after [\d.]+ s/.test(String(m)))).toBe(true);
    errors.mockRestore();
  });

  it("keeps at most MAX_BUFFER records, shedding the oldest with one log line", async () => {
    const writer = requestLogWriter();
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    autoAnswer = () => connectionError();
    probeFails = true;
    const shedBefore = writer.stats.shed;
    const first = input();
    writer.enqueue(first);
    const filler = input();
    for (let i = 0; i < MAX_BUFFER + 10; i++) writer.enqueue(filler);
    expect(writer.pending).toBeLessThanOrEqual(MAX_BUFFER);
    expect(writer.stats.shed - shedBefore).toBe(11);
    expect(errors.mock.calls.filter(([m]) => String(m).includes("buffer full"))).toHaveLength(1);
    const written: string[] = [];
    autoAnswer = (records) => void written.push(...records.map((r) => r.requestId as string));
    probeFails = false;
    await writer.drain();
    expect(written).toHaveLength(MAX_BUFFER);
    expect(written).not.toContain(first.requestId); // the oldest went first
    errors.mockRestore();
  }, 60_000);
});
