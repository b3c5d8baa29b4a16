import { afterEach, describe, expect, it } from "vitest";
import { GET as whoami } from "@/app/api/whoami/route";
import { db } from "@/lib/db/client";
import { flushRequestLog } from "@/lib/request-log/record";
import { createOrgWith, integrationKey } from "./fixtures";
import { call, expectProblem } from "./api/client";

// The API's hot path talks to the database driver directly (lib/db/adapter.ts).
// Drivers turn `timestamp` values into Dates in the process's local time zone;
// a server outside UTC must still expire keys and stamp history at the right instant.
const original = process.env.TZ;
afterEach(() => {
  process.env.TZ = original;
});

describe("a server process outside UTC", () => {
  it("refuses a key that expired an hour ago (UTC−5)", async () => {
    process.env.TZ = "America/New_York";
    const { org, owner } = await createOrgWith();
    const { token, key } = await integrationKey(org.id, owner);
    await db.apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - 3600_000) } });
    expect(expectProblem(await call(whoami, "/api/whoami", { token }), 401, "UNAUTHORIZED").detail).toMatch(/expired/);
  });

  it("accepts a key that expires in an hour (UTC+9)", async () => {
    process.env.TZ = "Asia/Tokyo";
    const { org, owner } = await createOrgWith();
    const { token, key } = await integrationKey(org.id, owner);
    await db.apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() + 3600_000) } });
    expect((await call(whoami, "/api/whoami", { token })).status).toBe(200);
  });

  it("records the request at the instant it arrived (UTC+9)", async () => {
    process.env.TZ = "Asia/Tokyo";
    const { org, owner } = await createOrgWith();
    const { token } = await integrationKey(org.id, owner);
    const before = Date.now();
    await call(whoami, "/api/whoami", { token });
    await flushRequestLog();
    const row = await db.requestLog.findFirstOrThrow({ where: { orgId: org.id } });
    expect(row.createdAt.getTime()).toBeGreaterThanOrEqual(before - 5);
    expect(row.createdAt.getTime()).toBeLessThanOrEqual(Date.now());
  });
});
