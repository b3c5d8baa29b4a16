import { beforeEach, describe, expect, it, vi } from "vitest";
import type { RecordInput } from "./row";

// The writer as `next start` sees it: after() collects the promises the server
// awaits before exiting on SIGTERM; the driver is a fake whose INSERTs we control.
const held: (() => Promise<void>)[] = [];
const inserts: { rows: number; settle: (error?: Error) => void }[] = [];
vi.mock("next/server", () => ({ after: (task: () => Promise<void>) => held.push(task) }));
vi.mock("@/lib/db/client", () => ({
  driver: {
    query: (_sql: string, columns: unknown[][]) =>
      new Promise<void>((resolve, reject) => inserts.push({ rows: columns[0].length, settle: (error) => (error ? reject(error) : resolve()) })),
  },
}));

const { requestLogWriter } = await import("./writer");

const input = (): RecordInput => ({
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
});

const tick = () => new Promise((resolve) => setTimeout(resolve, 0));
async function waitForInsert() {
  for (let i = 0; i < 200 && !inserts.length; i++) await tick();
  return inserts.shift()!;
}

beforeEach(() => {
  held.length = 0;
  inserts.length = 0;
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
    (await waitForInsert()).settle(new Error("connection refused"));
    await flushing;
    await held[0](); // resolves: a refused write must not hang shutdown
    expect(writer.pending).toBe(1);
    errors.mockRestore();
    const retry = writer.flush();
    (await waitForInsert()).settle();
    await retry;
    expect(writer.pending).toBe(0);
  });
});
