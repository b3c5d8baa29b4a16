import { afterEach, describe, expect, it, vi } from "vitest";
import { NOT_CAPTURED } from "./capture";
import { CAPTURE_GRACE_MS, toRow, type RecordInput } from "./row";

const input = (over: Partial<RecordInput> = {}): RecordInput => ({
  subject: { orgId: "org_1", keyId: "key_1", keyName: "CI", userId: "user_1" },
  receivedAt: new Date("2026-11-22T10:00:00Z"),
  requestId: "req-1",
  req: new Request("http://localhost/api/x?token=ct_abcdefghijklmnop&page=2", {
    method: "POST",
    headers: { authorization: "Bearer ct_abcdefghijklmnopqrstuvwxyz0123456789", cookie: "s=1", "user-agent": "curl/8" },
  }),
  url: new URL("http://localhost/api/x?token=ct_abcdefghijklmnop&page=2"),
  ip: "203.0.113.1",
  status: 422,
  durationMs: 12.6,
  requestBody: { body: '{"a":1}', truncated: false },
  responseBody: Promise.resolve({ body: '{"error":"x"}', truncated: false }),
  ...over,
});

describe("toRow", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("builds the stored record with secrets masked", async () => {
    const row = await toRow(input());
    expect(row).toMatchObject({
      orgId: "org_1",
      keyId: "key_1",
      requestId: "req-1",
      method: "POST",
      path: "/api/x",
      status: 422,
      statusClass: 4,
      durationMs: 13,
      userAgent: "curl/8",
      requestBody: '{"a":1}',
      responseBody: '{"error":"x"}',
    });
    expect(row.query).toBe("token=ct_%E2%80%A6mnop&page=2");
    expect(row.requestHeaders).toEqual({ authorization: "Bearer ct_…6789", "user-agent": "curl/8" });
  });

  it("still records the request when a body cannot be read", async () => {
    const row = await toRow(input({ requestBody: Promise.reject(new Error("stream aborted")) }));
    expect(row.requestBody).toBe("[body could not be read]");
    expect(row.status).toBe(422);
  });

  it("builds a row from bodies already captured without setting a timer", async () => {
    const setTimer = vi.spyOn(globalThis, "setTimeout");
    const row = await toRow(input({ responseBody: { body: '{"ok":true}', truncated: false } }));
    expect(setTimer).not.toHaveBeenCalled();
    expect(row).toMatchObject({ requestBody: '{"a":1}', responseBody: '{"ok":true}' });
  });

  it("cuts off a body still being read CAPTURE_GRACE_MS after the response, and aborts its capture", async () => {
    vi.useFakeTimers({ now: new Date("2026-11-22T10:00:00.013Z") });
    const captures = new AbortController();
    const pending = toRow(input({ durationMs: 13, responseBody: new Promise(() => {}), captures }));
    await vi.advanceTimersByTimeAsync(CAPTURE_GRACE_MS - 1);
    expect(captures.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    const row = await pending;
    expect(captures.signal.aborted).toBe(true);
    expect(row.responseBody).toBe(NOT_CAPTURED.body);
    expect(row.requestBody).toBe('{"a":1}');
  });
});
