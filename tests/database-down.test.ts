import { beforeEach, describe, expect, it, vi } from "vitest";
import { GET as whoami } from "@/app/api/whoami/route";
import { db, getDb, useDatabase } from "@/lib/db/client";
import { openPostgres } from "@/lib/db/adapter";
import { flushRequestLog } from "@/lib/request-log/record";
import { useRateLimiter } from "@/lib/ratelimit/limiter";
import { MemoryRateLimiter } from "@/lib/ratelimit/memory";
import { createOrgWith, integrationKey } from "./fixtures";
import { call, expectProblem } from "./api/client";

beforeEach(() => useRateLimiter(new MemoryRateLimiter()));

describe("with the database down", () => {
  it("the API answers 503 UNAVAILABLE with Retry-After, logs the outage once, and records the requests once it is back", async () => {
    const { org, owner } = await createOrgWith();
    const { token, key } = await integrationKey(org.id, owner);
    getDb();
    const state = globalThis as unknown as { __continuataDb?: unknown };
    const working = state.__continuataDb;
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      // Nothing listens on port 1: connections are refused at once.
      useDatabase(openPostgres("postgresql://nobody@127.0.0.1:1/none", { connectionTimeoutMillis: 500 }));
      for (let i = 0; i < 3; i++) {
        const res = await call(whoami, "/api/whoami", { token });
        expectProblem(res, 503, "UNAVAILABLE");
        expect(res.headers.get("retry-after")).toBe("5");
        expect(JSON.stringify(res.body)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
      }
      await flushRequestLog(); // refused: the records stay buffered
    } finally {
      state.__continuataDb = working;
    }
    await flushRequestLog();
    const lines = errors.mock.calls.map(([m]) => String(m));
    errors.mockRestore();
    const rows = await db.requestLog.findMany({ where: { orgId: org.id } });
    expect(rows.map((r) => [r.status, r.keyId, r.keyName])).toEqual(Array(3).fill([503, key.id, key.name]));
    expect(lines.filter((m) => m.includes("database unavailable since"))).toHaveLength(1);
    expect(lines.filter((m) => m.startsWith("[api]"))).toEqual([]);
  });
});
