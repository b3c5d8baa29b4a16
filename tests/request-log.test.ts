import { beforeEach, describe, expect, it, vi } from "vitest";
import { GET as whoami } from "@/app/api/whoami/route";
import { POST as createKey } from "@/app/api/keys/route";
import { GET as listRequestsRoute } from "@/app/api/requests/route";
import { GET as getRequestRoute } from "@/app/api/requests/[id]/route";
import { db } from "@/lib/db/client";
import { changeKeyState } from "@/lib/keys/manage";
import { updateKey } from "@/lib/keys/update";
import { mintKeyToken } from "@/lib/keys/format";
import { flushRequestLog } from "@/lib/request-log/record";
import { filterSchema, getRequest, requestsOverTime, type Bucket } from "@/lib/request-log/query";
import { recountRollup } from "@/lib/request-log/rollup";
import { purgeExpiredRequests } from "@/lib/request-log/retention";
import { dropPartitionsBefore, ensurePartitions, listPartitions } from "@/lib/request-log/partitions";
import { useRateLimiter } from "@/lib/ratelimit/limiter";
import { MemoryRateLimiter } from "@/lib/ratelimit/memory";
import { BODY_CAP } from "@/lib/request-log/capture";
import { requestLogWriter } from "@/lib/request-log/writer";
import { actorFor, createOrgWith, integrationKey, personalKey } from "./fixtures";
import { call, expectProblem } from "./api/client";

beforeEach(() => useRateLimiter(new MemoryRateLimiter()));

const rollupTotal = async (orgId: string) =>
  (await db.requestLogRollup.aggregate({ where: { orgId }, _sum: { count: true } }))._sum.count ?? 0;
const rowsFor = (orgId: string) => db.requestLog.findMany({ where: { orgId }, orderBy: { createdAt: "asc" } });

/** An organisation kept 7 days with one record 8 days old and one 6 days old, written past the log writer. */
async function sevenDayOrgWithRows() {
  const { org } = await createOrgWith();
  await db.organization.update({ where: { id: org.id }, data: { requestRetentionDays: 7 } });
  const base = { orgId: org.id, requestId: "r", method: "GET", path: "/api/whoami", status: 200, statusClass: 2, durationMs: 1 };
  const day = 86_400_000;
  await db.requestLog.createMany({
    data: [
      { ...base, createdAt: new Date(Date.now() - 8 * day) },
      { ...base, createdAt: new Date(Date.now() - 6 * day) },
    ],
  });
  return org;
}

describe("recording", () => {
  it("records a call with its key, user, status, timing and masked headers", async () => {
    const { org, owner } = await createOrgWith();
    const { token, key } = await integrationKey(org.id, owner, { name: "Recorder" });
    const res = await call(whoami, "/api/whoami?verbose=1", {
      token,
      ip: "203.0.113.9",
      headers: { "user-agent": "curl/8.5", cookie: "session=abc" },
    });
    await flushRequestLog();
    const [row] = await rowsFor(org.id);
    expect(row).toMatchObject({
      requestId: res.headers.get("x-request-id"),
      method: "GET",
      path: "/api/whoami",
      query: "verbose=1",
      status: 200,
      statusClass: 2,
      keyId: key.id,
      keyName: "Recorder",
      userId: owner.id,
      ip: "203.0.113.9",
      userAgent: "curl/8.5",
    });
    expect(row.durationMs).toBeGreaterThanOrEqual(0);
    expect(row.requestHeaders).toMatchObject({ authorization: `Bearer ct_…${token.slice(-4)}` });
    expect(JSON.stringify(row.requestHeaders)).not.toContain("session=abc");
    expect(JSON.parse(row.responseBody!).data.api_key_name).toBe("Recorder");
  });

  it("never stores a secret: a minted key in a response body is masked", async () => {
    const { org, owner } = await createOrgWith();
    const { token } = await personalKey(org.id, owner);
    const created = await call(createKey, "/api/keys", { method: "POST", token, body: { name: "Secret holder" } });
    await flushRequestLog();
    const secret: string = created.body.key;
    const row = (await rowsFor(org.id)).find((r) => r.path === "/api/keys")!;
    expect(row.responseBody).toContain(`"key":"ct_…${secret.slice(-4)}"`);
    const all = await db.$queryRaw<{ t: string }[]>`SELECT row_to_json(r)::text AS t FROM "RequestLog" r WHERE "orgId" = ${org.id}`;
    for (const r of all) {
      expect(r.t).not.toContain(secret.slice(3, 20));
      expect(r.t).not.toContain(token.slice(3, 20));
    }
  });

  it("records 401s of a revoked key of the organisation, 403s, 422s and 429s, but not unknown keys", async () => {
    const { org, owner } = await createOrgWith();
    const { token, key } = await integrationKey(org.id, owner, { scopes: ["read"] });
    await call(createKey, "/api/keys", { method: "POST", token, body: { name: "x" } }); // 403 INSUFFICIENT_SCOPE
    await updateKey(actorFor(owner), org.id, key.id, { rateLimitPerMinute: 2 });
    await call(whoami, "/api/whoami", { token });
    await call(whoami, "/api/whoami", { token }); // 429 now (1 + 2 > 2)
    await changeKeyState(actorFor(owner), org.id, key.id, "revoke");
    await call(whoami, "/api/whoami", { token }); // 401, still this org's key
    await call(whoami, "/api/whoami", { token: mintKeyToken() }); // unknown: belongs to no org
    await flushRequestLog();
    const statuses = (await rowsFor(org.id)).map((r) => r.status);
    expect(statuses).toEqual([403, 200, 429, 401]);
  });

  it("truncates large bodies at the cap and marks them", async () => {
    const { org, owner } = await createOrgWith();
    const { token } = await personalKey(org.id, owner);
    const res = await call(createKey, "/api/keys", { method: "POST", token, body: { name: "n".repeat(100_000) } });
    expect(res.status).toBe(422);
    await flushRequestLog();
    const [row] = await rowsFor(org.id);
    expect(row.requestBodyTruncated).toBe(true);
    expect(Buffer.byteLength(row.requestBody!)).toBeLessThanOrEqual(BODY_CAP);
    expect(row.responseBodyTruncated).toBe(false);
  });
});

describe("reading history", () => {
  it("filters by status class, method, path, key and request id, newest first, with cursor pages", async () => {
    const { org, owner } = await createOrgWith();
    const { token: admin } = await personalKey(org.id, owner);
    const { token: other, key: otherKey } = await integrationKey(org.id, owner);
    for (let i = 0; i < 3; i++) await call(whoami, "/api/whoami", { token: other });
    await call(createKey, "/api/keys", { method: "POST", token: admin, body: {} }); // 422
    await flushRequestLog();

    const fourxx = await call(listRequestsRoute, "/api/requests?status=4xx", { token: admin });
    expect(fourxx.body.map((r: { status: number }) => r.status)).toEqual([422]);
    const byKey = await call(listRequestsRoute, `/api/requests?key=${otherKey.id}&method=GET&path=whoami`, { token: admin });
    expect(byKey.body).toHaveLength(3);
    expect(byKey.body[0]).toMatchObject({ method: "GET", path: "/api/whoami", key: { id: otherKey.id } });
    const byId = await call(listRequestsRoute, `/api/requests?requestId=${fourxx.body[0].requestId}`, { token: admin });
    expect(byId.body.map((r: { id: string }) => r.id)).toEqual([fourxx.body[0].id]);

    const page1 = await call(listRequestsRoute, "/api/requests?limit=2", { token: admin });
    const next = page1.headers.get("link")!.match(/<([^>]+)>/)![1];
    const page2 = await call(listRequestsRoute, next, { token: admin });
    const times = [...page1.body, ...page2.body].map((r: { createdAt: string }) => r.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect(new Set([...page1.body, ...page2.body].map((r: { id: string }) => r.id)).size).toBe(page1.body.length + page2.body.length);
    expectProblem(await call(listRequestsRoute, "/api/requests?status=6xx", { token: admin }), 422, "VALIDATION_FAILED");
  });

  it("shows one request in full; another organisation's request is 404", async () => {
    const a = await createOrgWith();
    const b = await createOrgWith();
    const { token: aKey } = await personalKey(a.org.id, a.owner);
    const { token: bKey } = await personalKey(b.org.id, b.owner);
    await call(whoami, "/api/whoami", { token: bKey });
    await flushRequestLog();
    const [bRow] = await rowsFor(b.org.id);
    expectProblem(await call(getRequestRoute, `/api/requests/${bRow.id}`, { token: aKey, params: { id: bRow.id } }), 404, "NOT_FOUND");
    const own = await call(getRequestRoute, `/api/requests/${bRow.id}`, { token: bKey, params: { id: bRow.id } });
    expect(own.body).toMatchObject({ id: bRow.id, status: 200, requestHeaders: { authorization: expect.stringMatching(/^Bearer ct_…/) } });
  });

  it("members see only requests made with their own keys", async () => {
    const {
      org,
      others: [m1, m2],
    } = await createOrgWith(["member", "member"]);
    const k1 = await personalKey(org.id, m1);
    const k2 = await personalKey(org.id, m2);
    await call(whoami, "/api/whoami", { token: k1.token });
    await call(whoami, "/api/whoami", { token: k2.token });
    await flushRequestLog();
    const seen = await call(listRequestsRoute, "/api/requests", { token: k1.token });
    expect(seen.body.every((r: { key: { id: string } }) => r.key.id === k1.key.id)).toBe(true);
    const theirs = (await rowsFor(org.id)).find((r) => r.keyId === k2.key.id)!;
    expectProblem(
      await call(getRequestRoute, `/api/requests/${theirs.id}`, { token: k1.token, params: { id: theirs.id } }),
      404,
      "NOT_FOUND",
    );
  });
});

describe("charts", () => {
  it("the 24 h chart (from the rollup) and the 1 h chart (from the rows) count the same requests, by class, key and member", async () => {
    const { org, owner, others } = await createOrgWith(["member"]);
    const mine = await integrationKey(org.id, owner);
    const theirs = await personalKey(org.id, others[0]);
    for (let i = 0; i < 5; i++) await call(whoami, "/api/whoami", { token: mine.token });
    for (let i = 0; i < 3; i++) await call(whoami, "/api/whoami", { token: theirs.token });
    expect((await call(listRequestsRoute, "/api/requests?limit=0", { token: mine.token })).status).toBe(422);
    await flushRequestLog();
    const now = new Date(Date.now() + 60_000);
    const sum = (b: Bucket[]) => b.reduce((t, x) => ({ s2: t.s2 + x.s2, s4: t.s4 + x.s4 }), { s2: 0, s4: 0 });
    const f = (x: Record<string, unknown> = {}) => filterSchema.parse(x);
    const both = async (v: { orgId: string; onlyUserId?: string }, x?: Record<string, unknown>) => [
      sum(await requestsOverTime(v, f(x), new Date(now.getTime() - 86_400_000), now, 30)),
      sum(await requestsOverTime(v, f(x), new Date(now.getTime() - 3_600_000), now, 1)),
    ];
    expect(await both({ orgId: org.id })).toEqual([
      { s2: 8, s4: 1 },
      { s2: 8, s4: 1 },
    ]);
    expect(await both({ orgId: org.id }, { key: mine.key.id })).toEqual([
      { s2: 5, s4: 1 },
      { s2: 5, s4: 1 },
    ]);
    expect(await both({ orgId: org.id }, { status: "4xx" })).toEqual([
      { s2: 0, s4: 1 },
      { s2: 0, s4: 1 },
    ]);
    expect(await both({ orgId: org.id, onlyUserId: others[0].id })).toEqual([
      { s2: 3, s4: 0 },
      { s2: 3, s4: 0 },
    ]);
    // A filter the rollup does not hold counts the rows.
    expect(sum(await requestsOverTime({ orgId: org.id }, f({ method: "POST" }), new Date(now.getTime() - 86_400_000), now, 30))).toEqual({
      s2: 0,
      s4: 0,
    });
  });

  it("retention takes the rollup's expired buckets with the rows", async () => {
    const org = await sevenDayOrgWithRows();
    await recountRollup(org.id);
    expect(await rollupTotal(org.id)).toBe(2);
    await purgeExpiredRequests();
    expect(await rollupTotal(org.id)).toBe(1);
  });
});

describe("retention", () => {
  it("purges records older than the organisation's retention and keeps the rest", async () => {
    const org = await sevenDayOrgWithRows();
    expect(await purgeExpiredRequests()).toBeGreaterThanOrEqual(1);
    const left = await rowsFor(org.id);
    expect(left).toHaveLength(1);
    expect(Date.now() - left[0].createdAt.getTime()).toBeLessThan(7 * 86_400_000);
  });
});

describe("day partitions", () => {
  const where = (id: string) =>
    db.$queryRaw<{ part: string }[]>`SELECT tableoid::regclass::text AS part FROM "RequestLog" WHERE id = ${id}`;

  it("a day without a partition lands in the default one, moves when its partition is made, and goes whole past retention", async () => {
    const { org } = await createOrgWith();
    const base = { orgId: org.id, requestId: "p", method: "GET", path: "/api/whoami", status: 200, statusClass: 2, durationMs: 1 };
    const row = await db.requestLog.create({ data: { ...base, createdAt: new Date("2001-02-03T12:00:00Z") } });
    expect((await where(row.id))[0].part).toMatch(/RequestLog_default/);
    await ensurePartitions(new Date("2001-02-03T00:00:00Z"));
    expect((await where(row.id))[0].part).toMatch(/RequestLog_p20010203/);
    expect((await listPartitions()).map((p) => p.name)).toEqual(expect.arrayContaining(["RequestLog_p20010202", "RequestLog_p20010206"]));
    const dropped = await dropPartitionsBefore(new Date("2001-02-04T00:00:00Z"));
    expect(dropped).toEqual(expect.arrayContaining(["RequestLog_p20010202", "RequestLog_p20010203"]));
    expect(dropped).not.toContain("RequestLog_p20010204");
    expect(await where(row.id)).toHaveLength(0);
    await dropPartitionsBefore(new Date("2001-03-01T00:00:00Z"));
  });

  it("today's and the coming days' partitions exist once the job ran, and a request is found by id in its partition", async () => {
    await ensurePartitions();
    const names = (await listPartitions()).map((p) => p.name);
    const day = (d: number) => `RequestLog_p${new Date(Date.now() + d * 86_400_000).toISOString().slice(0, 10).replace(/-/g, "")}`;
    expect(names).toEqual(expect.arrayContaining([day(0), day(1), day(2), day(3)]));
    const { org, owner } = await createOrgWith();
    const { token } = await integrationKey(org.id, owner);
    await call(whoami, "/api/whoami", { token });
    await flushRequestLog();
    const [logged] = await rowsFor(org.id);
    expect((await where(logged.id))[0].part).toContain(day(0));
    expect((await getRequest({ orgId: org.id }, logged.id)).id).toBe(logged.id);
  });
});

describe("under load", () => {
  it("a burst of 10,000 requests leaves exactly 10,000 records", { timeout: 180_000 }, async () => {
    const { org, owner } = await createOrgWith();
    const { token, key } = await integrationKey(org.id, owner);
    await updateKey(actorFor(owner), org.id, key.id, { rateLimitPerMinute: 100_000 });
    const statuses = new Map<number, number>();
    for (let i = 0; i < 100; i++) {
      const batch = await Promise.all(Array.from({ length: 100 }, () => call(whoami, "/api/whoami", { token })));
      for (const r of batch) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    }
    expect(statuses.get(200)).toBe(10_000);
    await flushRequestLog();
    expect(await db.requestLog.count({ where: { orgId: org.id } })).toBe(10_000);
    expect(
      new Set((await db.requestLog.findMany({ where: { orgId: org.id }, select: { requestId: true } })).map((r) => r.requestId)).size,
    ).toBe(10_000);
    // The charts' rollup was counted in the same statements, batch by batch: exactly the rows stored.
    expect(await rollupTotal(org.id)).toBe(10_000);
  });
});

describe("a row the database refuses", () => {
  it("is dropped alone and counted; the other records of its batch are written", async () => {
    const refused = await createOrgWith();
    const other = await createOrgWith();
    const { token: refusedKey } = await integrationKey(refused.org.id, refused.owner);
    const { token: otherKey } = await integrationKey(other.org.id, other.owner);
    // Refuse one organisation's rows only (other test files may share the database).
    const constraint = `refuse_${refused.org.id}`;
    await db.$executeRawUnsafe(`ALTER TABLE "RequestLog" ADD CONSTRAINT "${constraint}" CHECK ("orgId" <> '${refused.org.id}') NOT VALID`);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const droppedBefore = requestLogWriter().stats.dropped;
    try {
      await call(whoami, "/api/whoami", { token: otherKey });
      expect((await call(whoami, "/api/whoami", { token: refusedKey })).status).toBe(200);
      for (let i = 0; i < 3; i++) await call(whoami, "/api/whoami", { token: otherKey });
      await flushRequestLog();
    } finally {
      await db.$executeRawUnsafe(`ALTER TABLE "RequestLog" DROP CONSTRAINT "${constraint}"`);
      errors.mockRestore();
    }
    expect(await db.requestLog.count({ where: { orgId: other.org.id } })).toBe(4);
    expect(await db.requestLog.count({ where: { orgId: refused.org.id } })).toBe(0);
    // A refused row is not counted in the rollup either: its statement wrote nothing.
    expect(await rollupTotal(other.org.id)).toBe(4);
    expect(await rollupTotal(refused.org.id)).toBe(0);
    expect(requestLogWriter().stats.dropped - droppedBefore).toBe(1);
    expect(requestLogWriter().pending).toBe(0);
  });
});

describe("bodies and text the log cannot take as they are", () => {
  it("a body the handler never reads (an early 403) does not hold up the records after it", async () => {
    const { org, owner } = await createOrgWith();
    const { token: readOnly } = await integrationKey(org.id, owner, { scopes: ["read"] });
    const { token } = await integrationKey(org.id, owner);
    // A body that never ends: the handler answers 403 before reading it.
    const endless = new ReadableStream<Uint8Array>({ start: (c) => c.enqueue(new TextEncoder().encode('{"name":"')) });
    const req = new Request("http://localhost/api/keys", {
      method: "POST",
      headers: { authorization: `Bearer ${readOnly}`, "content-type": "application/json", "x-forwarded-for": "203.0.113.5" },
      body: endless,
      duplex: "half",
    } as RequestInit);
    expect((await createKey(req)).status).toBe(403);
    for (let i = 0; i < 3; i++) await call(whoami, "/api/whoami", { token });
    await flushRequestLog();
    const rows = await rowsFor(org.id);
    expect(rows.map((r) => r.status)).toEqual([403, 200, 200, 200]);
    expect(rows[0].requestBody).toMatch(/^\[body not captured/);
  });

  it("records the body the handler read, and a small one it never read (drained), without reading the stream twice", async () => {
    const { org, owner } = await createOrgWith();
    const { token: readOnly } = await integrationKey(org.id, owner, { scopes: ["read"] });
    const { token } = await integrationKey(org.id, owner);
    const clone = vi.spyOn(Request.prototype, "clone");
    try {
      expect((await call(createKey, "/api/keys", { method: "POST", token, body: { name: "Read by the handler" } })).status).toBe(201);
      expect((await call(createKey, "/api/keys", { method: "POST", token: readOnly, body: { name: "Never read" } })).status).toBe(403);
      expect(clone).not.toHaveBeenCalled();
    } finally {
      clone.mockRestore();
    }
    await flushRequestLog();
    const rows = await rowsFor(org.id);
    expect(rows.map((r) => [r.status, r.requestBody && JSON.parse(r.requestBody)])).toEqual([
      [201, { name: "Read by the handler" }],
      [403, { name: "Never read" }],
    ]);
  });

  it("stores NUL bytes and invalid UTF-8 escaped", async () => {
    const { org, owner } = await createOrgWith();
    const { token } = await integrationKey(org.id, owner);
    const body = new Uint8Array([0x78, 0x00, 0xff]);
    const req = new Request("http://localhost/api/keys", {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "text/plain", "content-length": "3" },
      body,
    });
    expect((await createKey(req)).status).toBeLessThan(500);
    await call(whoami, "/api/whoami", { token });
    await flushRequestLog();
    const rows = await rowsFor(org.id);
    expect(rows.map((r) => r.requestBody)).toEqual(["x\\u0000\\xFF", null]);
  });
});
