import { beforeEach, describe, expect, it } from "vitest";
import { POST as createProduct } from "@/app/api/products/route";
import { POST as createKey } from "@/app/api/keys/route";
import { POST as disableKey } from "@/app/api/keys/[id]/disable/route";
import { POST as recordPurchase } from "@/app/api/purchases/route";
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/body";
import { ABANDONED_AFTER_MS, IDEMPOTENCY_TTL_MS, purgeExpiredIdempotencyKeys } from "@/lib/api/idempotency";
import { db } from "@/lib/db/client";
import { useRateLimiter } from "@/lib/ratelimit/limiter";
import { MemoryRateLimiter } from "@/lib/ratelimit/memory";
import { z } from "zod";
import { createOrgWith, integrationKey, personalKey, unique } from "./fixtures";
import { call, expectProblem, type CallOptions } from "./api/client";

beforeEach(() => useRateLimiter(new MemoryRateLimiter()));

async function setup() {
  const { org, owner } = await createOrgWith();
  const { key, token } = await personalKey(org.id, owner);
  return { org, owner, token, keyId: key.id };
}

const post = (token: string, idempotencyKey: string | null, body?: unknown, extra: CallOptions = {}): CallOptions => ({
  method: "POST",
  token,
  body,
  ...extra,
  headers: { ...(idempotencyKey === null ? {} : { "Idempotency-Key": idempotencyKey }), ...extra.headers },
});

const productCount = (orgId: string) => db.product.count({ where: { orgId } });
const keyCount = (orgId: string) => db.apiKey.count({ where: { orgId } });

describe("Idempotency-Key", () => {
  it("replays the first answer to the same request, with Idempotent-Replayed, and creates nothing new", async () => {
    const { org, token } = await setup();
    const idem = unique("k");
    const body = { id: unique("drums"), name: "Drums" };
    const first = await call(createProduct, "/api/products", post(token, idem, body));
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();

    const again = await call(createProduct, "/api/products", post(token, idem, body));
    expect(again.status).toBe(201);
    expect(again.text).toBe(first.text);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(again.headers.get("content-type")).toBe("application/json");
    expect(again.headers.get("x-request-id")).not.toBe(first.headers.get("x-request-id"));
    expect(again.headers.get("ratelimit-limit")).not.toBeNull();
    expect(await productCount(org.id)).toBe(1);
  });

  it("replays a new key's secret without storing it readable, and mints only one key", async () => {
    const { org, token } = await setup();
    const idem = unique("k");
    const first = await call(createKey, "/api/keys", post(token, idem, { name: "Shop", scopes: ["read"] }));
    expect(first.status).toBe(201);
    const before = await keyCount(org.id);
    const again = await call(createKey, "/api/keys", post(token, idem, { name: "Shop", scopes: ["read"] }));
    expect(again.body.key).toBe(first.body.key);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(await keyCount(org.id)).toBe(before);

    const row = await db.idempotencyKey.findFirstOrThrow({ where: { key: idem } });
    expect(Buffer.from(row.body!).toString("latin1")).not.toContain(first.body.key);
  });

  it("refuses the same key with another body or on another path (422), creating nothing", async () => {
    const { org, token } = await setup();
    const idem = unique("k");
    const id = unique("drums");
    expect((await call(createProduct, "/api/products", post(token, idem, { id, name: "Drums" }))).status).toBe(201);

    const other = await call(createProduct, "/api/products", post(token, idem, { id: unique("bass"), name: "Bass" }));
    expect(expectProblem(other, 422, "VALIDATION_FAILED").errors["Idempotency-Key"][0]).toMatch(/another request/);
    const elsewhere = await call(recordPurchase, "/api/purchases", post(token, idem, { id, name: "Drums" }));
    expectProblem(elsewhere, 422, "VALIDATION_FAILED");
    expect(await productCount(org.id)).toBe(1);
    expect(await db.purchase.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("lets exactly one of concurrent duplicates run; the others get 409 or the replay", async () => {
    const { org, token } = await setup();
    const idem = unique("k");
    const body = { id: unique("drums"), name: "Drums" };
    const results = await Promise.all(Array.from({ length: 5 }, () => call(createProduct, "/api/products", post(token, idem, body))));

    const originals = results.filter((r) => r.status === 201 && !r.headers.get("idempotent-replayed"));
    expect(originals).toHaveLength(1);
    for (const r of results) {
      if (r === originals[0]) continue;
      if (r.status === 409) expectProblem(r, 409, "CONFLICT");
      else expect([r.status, r.text, r.headers.get("idempotent-replayed")]).toEqual([201, originals[0].text, "true"]);
    }
    expect(await productCount(org.id)).toBe(1);
  });

  it("answers 409 while the first request is running, and runs again once that marker is abandoned", async () => {
    const { org, token, keyId } = await setup();
    const idem = unique("k");
    const body = { id: unique("drums"), name: "Drums" };
    const { createHash } = await import("node:crypto");
    const marker = {
      credentialId: keyId,
      key: idem,
      method: "POST",
      path: "/api/products",
      bodyHash: createHash("sha256").update(JSON.stringify(body)).digest("hex"),
    };
    await db.idempotencyKey.create({ data: marker });
    const running = await call(createProduct, "/api/products", post(token, idem, body));
    expect(expectProblem(running, 409, "CONFLICT").detail).toMatch(/still being processed/);
    expect(await productCount(org.id)).toBe(0);

    await db.idempotencyKey.updateMany({ where: { key: idem }, data: { createdAt: new Date(Date.now() - ABANDONED_AFTER_MS - 1000) } });
    const retried = await call(createProduct, "/api/products", post(token, idem, body));
    expect(retried.status).toBe(201);
    expect(await productCount(org.id)).toBe(1);
  });

  it("keeps keys apart per credential", async () => {
    const { org, owner, token } = await setup();
    const { token: other } = await integrationKey(org.id, owner, { scopes: ["write"] });
    const elsewhere = await setup();
    const idem = unique("k");
    const a = await call(createProduct, "/api/products", post(token, idem, { id: unique("a"), name: "A" }));
    const b = await call(createProduct, "/api/products", post(other, idem, { id: unique("b"), name: "B" }));
    const c = await call(createProduct, "/api/products", post(elsewhere.token, idem, { id: unique("c"), name: "C" }));
    expect([a.status, b.status, c.status]).toEqual([201, 201, 201]);
    expect([a, b, c].map((r) => r.headers.get("idempotent-replayed"))).toEqual([null, null, null]);
    expect(await productCount(org.id)).toBe(2);
    expect(await productCount(elsewhere.org.id)).toBe(1);
  });

  it("does not replay an answer older than 24 hours, and the purge removes it", async () => {
    const { org, token } = await setup();
    const idem = unique("k");
    const request = () => call(createKey, "/api/keys", post(token, idem, { name: "Shop" }));
    expect((await request()).status).toBe(201);
    const before = await keyCount(org.id);
    await db.idempotencyKey.updateMany({ where: { key: idem }, data: { createdAt: new Date(Date.now() - IDEMPOTENCY_TTL_MS - 1000) } });
    const later = await request();
    expect(later.status).toBe(201);
    expect(later.headers.get("idempotent-replayed")).toBeNull();
    expect(await keyCount(org.id)).toBe(before + 1);

    const stale = unique("k");
    await db.idempotencyKey.create({
      data: {
        credentialId: "gone",
        key: stale,
        method: "POST",
        path: "/api/keys",
        bodyHash: "x",
        createdAt: new Date(Date.now() - IDEMPOTENCY_TTL_MS - 1),
      },
    });
    expect(await purgeExpiredIdempotencyKeys()).toBeGreaterThanOrEqual(1);
    expect(await db.idempotencyKey.count({ where: { key: stale } })).toBe(0);
    expect(await db.idempotencyKey.count({ where: { key: idem } })).toBe(1);
  });

  it("changes nothing without the header: every POST runs, nothing is stored", async () => {
    const { org, token, keyId } = await setup();
    const before = await keyCount(org.id);
    const one = await call(createKey, "/api/keys", post(token, null, { name: "Shop" }));
    const two = await call(createKey, "/api/keys", post(token, null, { name: "Shop" }));
    expect([one.status, two.status]).toEqual([201, 201]);
    expect(one.body.key).not.toBe(two.body.key);
    expect(two.headers.get("idempotent-replayed")).toBeNull();
    expect(await keyCount(org.id)).toBe(before + 2);
    expect(await db.idempotencyKey.count({ where: { credentialId: keyId } })).toBe(0);
  });

  it("works on action POSTs without a body", async () => {
    const { org, owner, token } = await setup();
    const { key } = await integrationKey(org.id, owner);
    const idem = unique("k");
    const path = `/api/keys/${key.id}/disable`;
    const first = await call(disableKey, path, post(token, idem, undefined, { params: { id: key.id } }));
    expect(first.status).toBe(200);
    const again = await call(disableKey, path, post(token, idem, undefined, { params: { id: key.id } }));
    expect([again.status, again.text, again.headers.get("idempotent-replayed")]).toEqual([200, first.text, "true"]);
  });

  it("refuses a malformed key with 400", async () => {
    const { token } = await setup();
    for (const bad of ["x".repeat(256), "", "a\tb", "caf\u00e9"]) {
      const res = await call(createProduct, "/api/products", post(token, bad, { id: unique("p"), name: "P" }));
      expect(expectProblem(res, 400, "BAD_REQUEST").detail).toMatch(/Idempotency-Key/);
    }
    expect((await call(createProduct, "/api/products", post(token, "x".repeat(255), { id: unique("p"), name: "P" }))).status).toBe(201);
  });

  it("stores 4xx answers, not 5xx ones, and hands the handler the body it hashed", async () => {
    const { token } = await setup();
    let runs = 0;
    const route = apiRoute({ permission: "catalog.write" }, async ({ req }) => {
      runs++;
      const body = await readJson(req, z.object({ n: z.number() }));
      if (runs === 1) throw new Error("boom");
      if (runs === 2) return json({ error: "no", n: body.n }, { status: 404 });
      return json({ n: body.n });
    });
    const idem = unique("k");
    const send = () => call(route, "/api/test", post(token, idem, { n: 7 }));
    expect((await send()).status).toBe(500);
    const notFound = await send();
    expect([notFound.status, notFound.body]).toEqual([404, { error: "no", n: 7 }]);
    const replayed = await send();
    expect([replayed.status, replayed.text, replayed.headers.get("idempotent-replayed")]).toEqual([404, notFound.text, "true"]);
    expect(runs).toBe(2);
  });
});
