import { describe, expect, it } from "vitest";
import { toRow, type RecordInput } from "./row";

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
});
