import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { GET as listProductsRoute } from "@/app/api/products/route";
import { GET as listFilesRoute } from "@/app/api/products/[id]/versions/[version]/files/route";
import { GET as purchasesGet, POST as purchasesPost } from "@/app/api/purchases/route";
import { db } from "@/lib/db/client";
import { storage } from "@/lib/storage";
import { useRateLimiter } from "@/lib/ratelimit/limiter";
import { MemoryRateLimiter } from "@/lib/ratelimit/memory";
import { deleteFile } from "@/lib/products/files";
import { actorFor, unique } from "./fixtures";
import { call, expectProblem } from "./api/client";
import { activate, draftWith, mint, newProduct, newVersion, removeFile, sha, upload } from "./support/products";

beforeEach(() => useRateLimiter(new MemoryRateLimiter()));

const storedBytes = async (key: string) => Buffer.from(await new Response(await storage().read(key)).arrayBuffer());
const fileRow = (orgId: string, name: string) => db.productFile.findFirstOrThrow({ where: { name, version: { product: { orgId } } } });

describe("a released version's files are immutable", () => {
  it("a draft replaces and deletes files; the old bytes are gone from storage", async () => {
    const first = randomBytes(2000);
    const { org, token } = await draftWith({ "kit.zip": first, "extra.pdf": randomBytes(10) });
    const before = await fileRow(org.id, "kit.zip");
    const second = randomBytes(1500);
    const up = await upload(token, "kit", "1.0.0", "kit.zip", second);
    expect(up).toMatchObject({ status: 201, body: { name: "kit.zip", size: 1500, sha256: sha(second) } });
    const after = await fileRow(org.id, "kit.zip");
    expect(await storedBytes(after.storageKey)).toEqual(second);
    await expect(storedBytes(before.storageKey)).rejects.toThrow();

    const del = await removeFile(token, "kit", "1.0.0", "extra.pdf");
    expect(del.status).toBe(204);
    expect(
      (await call(listFilesRoute, "/x", { token, params: { id: "kit", version: "1.0.0" } })).body.map((f: { name: string }) => f.name),
    ).toEqual(["kit.zip"]);
    expectProblem(await removeFile(token, "kit", "1.0.0", "extra.pdf"), 404, "NOT_FOUND");
    // The last file gone: the version is not deliverable until the next upload.
    expect((await removeFile(token, "kit", "1.0.0", "kit.zip")).status).toBe(204);
    expect((await db.productVersion.findFirstOrThrow({ where: { product: { orgId: org.id } } })).status).toBe("processing");
    expectProblem(await mint(token, { productId: "kit", version: "1.0.0" }), 422, "VALIDATION_FAILED");
    await expect(storedBytes(after.storageKey)).rejects.toThrow();
  });

  it("after a token is minted: re-upload and delete are 409 and nothing changes", async () => {
    const original = randomBytes(3000);
    const { org, owner, token } = await draftWith({ "kit.zip": original });
    expect((await mint(token, { productId: "kit", version: "1.0.0" })).status).toBe(201);
    const before = await fileRow(org.id, "kit.zip");
    const again = await upload(token, "kit", "1.0.0", "kit.zip", Buffer.from("nineteen bytes here"));
    expectProblem(again as never, 409, "CONFLICT");
    expect(again.body.detail).toMatch(/new version/);
    expectProblem((await upload(token, "kit", "1.0.0", "new.zip", randomBytes(10))) as never, 409, "CONFLICT");
    expectProblem(await removeFile(token, "kit", "1.0.0", "kit.zip"), 409, "CONFLICT");
    await expect(deleteFile(actorFor(owner), org.id, "kit", "1.0.0", "kit.zip")).rejects.toMatchObject({ code: "CONFLICT" });
    const after = await fileRow(org.id, "kit.zip");
    expect(after).toEqual(before);
    expect(await storedBytes(after.storageKey)).toEqual(original);
    expect(await db.productFile.count({ where: { version: { product: { orgId: org.id } } } })).toBe(1);
    // A new version is the way to ship a fix.
    expect((await newVersion(token, "kit", "1.0.1")).status).toBe(201);
    expect((await upload(token, "kit", "1.0.1", "kit.zip", randomBytes(20))).status).toBe(201);
  });

  it("an activated version is immutable even before any token", async () => {
    const { token } = await draftWith({ "kit.zip": randomBytes(100) });
    expect((await activate(token, "kit", "1.0.0")).status).toBe(200);
    expectProblem((await upload(token, "kit", "1.0.0", "kit.zip", randomBytes(5))) as never, 409, "CONFLICT");
    expectProblem(await removeFile(token, "kit", "1.0.0", "kit.zip"), 409, "CONFLICT");
  });

  it("a token minted while an upload streams: the replacement is refused and its bytes are dropped", async () => {
    const original = randomBytes(500);
    const { org, token } = await draftWith({ "kit.zip": original });
    let push!: (b: Uint8Array | null) => void;
    const body = new ReadableStream<Uint8Array>({
      start(c) {
        push = (b) => (b ? c.enqueue(b) : c.close());
      },
    });
    const pending = upload(token, "kit", "1.0.0", "kit.zip", body);
    push(new Uint8Array(randomBytes(100)));
    expect((await mint(token, { productId: "kit", version: "1.0.0" })).status).toBe(201);
    push(null);
    const res = await pending;
    expect(res.status).toBe(409);
    const row = await fileRow(org.id, "kit.zip");
    expect(await storedBytes(row.storageKey)).toEqual(original);
    const keys = await db.productFile.findMany({ where: { version: { product: { orgId: org.id } } } });
    expect(keys).toHaveLength(1);
  });
});

describe("file names are decoded exactly once", () => {
  it("keeps % and %25 as sent; refuses slashes, .. and control characters with 422, NUL as no such file", async () => {
    const { org, token } = await draftWith({});
    // What encodeURIComponent("50%.zip") puts in the path, decoded once by Next: "50%.zip".
    expect(await upload(token, "kit", "1.0.0", "50%.zip", randomBytes(10))).toMatchObject({ status: 201, body: { name: "50%.zip" } });
    // "a%2520b.zip" in the path is "a%20b.zip" after one decoding: stored so, not as "a b.zip".
    expect(await upload(token, "kit", "1.0.0", "a%20b.zip", randomBytes(10))).toMatchObject({ status: 201, body: { name: "a%20b.zip" } });
    // A NUL in any path parameter is refused before the handler (lib/api/route/refuse-nul.ts), as no such resource.
    const nul = await upload(token, "kit", "1.0.0", "ignored", randomBytes(5), { param: "a\u0000b.zip" });
    expect({ status: nul.status, code: nul.body?.code }).toEqual({ status: 404, code: "NOT_FOUND" });
    for (const bad of ["../../etc/passwd", "a/b.zip", "a\\b.zip", "..", "x..y", "tab\there.zip", "new\nline.zip", "del\u007f.zip", ""]) {
      const res = await upload(token, "kit", "1.0.0", "ignored", randomBytes(5), { param: bad });
      expect({ bad, status: res.status, code: res.body?.code }).toEqual({ bad, status: 422, code: "VALIDATION_FAILED" });
    }
    const names = (await db.productFile.findMany({ where: { version: { product: { orgId: org.id } } }, orderBy: { name: "asc" } })).map(
      (f) => f.name,
    );
    expect(names).toEqual(["50%.zip", "a%20b.zip"]);
  });
});

describe("lists page with a cursor and Link; caps per organisation", () => {
  const walk = async (handler: Parameters<typeof call>[0], first: string, token: string) => {
    const seen: unknown[] = [];
    let next: string | null = first;
    let pages = 0;
    while (next) {
      const res = await call(handler, next, { token });
      expect(res.status).toBe(200);
      expect(Array.isArray(res.body)).toBe(true);
      seen.push(...res.body);
      pages++;
      next = res.headers.get("link")?.match(/<([^>]+)>; rel="next"/)?.[1] ?? null;
    }
    return { seen, pages };
  };

  it("GET /api/products walks every product (more than the old 500 cut-off) through Link", async () => {
    const { org, token } = await draftWith({});
    await db.product.createMany({ data: Array.from({ length: 520 }, (_, i) => ({ orgId: org.id, slug: `p-${i}`, name: `P ${i}` })) });
    const { seen, pages } = await walk(listProductsRoute, "/api/products?limit=100", token);
    expect(pages).toBe(6);
    const ids = seen.map((e) => (e as { product: { id: string } }).product.id);
    expect(new Set(ids).size).toBe(521);
    expect(seen[0]).toEqual({
      product: expect.objectContaining({ id: expect.any(String), name: expect.any(String), status: "draft" }),
      activeVersion: null,
    });
    const bad = await call(listProductsRoute, "/api/products?limit=1000", { token });
    expectProblem(bad, 422, "VALIDATION_FAILED");
  });

  it("GET /api/purchases walks every purchase (more than the old 200 cut-off) through Link, email filter kept", async () => {
    const { org, token } = await draftWith({});
    const product = await db.product.findFirstOrThrow({ where: { orgId: org.id } });
    const buyer = `${unique("b")}@example.com`;
    await db.purchase.createMany({
      data: Array.from({ length: 230 }, (_, i) => ({
        orgId: org.id,
        productId: product.id,
        email: i % 2 ? buyer : `${unique("o")}@example.com`,
        source: "api",
      })),
    });
    const all = await walk(purchasesGet, "/api/purchases?limit=100", token);
    expect(new Set(all.seen.map((p) => (p as { id: string }).id)).size).toBe(230);
    expect(all.pages).toBe(3);
    const mine = await walk(purchasesGet, `/api/purchases?limit=50&email=${encodeURIComponent(buyer)}`, token);
    expect(mine.seen).toHaveLength(115);
    expect(mine.seen.every((p) => (p as { email: string }).email === buyer)).toBe(true);
    expect((await call(purchasesPost, "/api/purchases", { method: "POST", token, body: { email: buyer, productId: "kit" } })).status).toBe(
      201,
    );
  });

  it("caps: products per organisation, versions per product, files per version → 409", async () => {
    const { org, token } = await draftWith({});
    process.env.MAX_PRODUCTS_PER_ORG = "3";
    process.env.MAX_VERSIONS_PER_PRODUCT = "2";
    process.env.MAX_FILES_PER_VERSION = "2";
    try {
      expect((await newProduct(token, "second")).status).toBe(201);
      expect((await newProduct(token, "third")).status).toBe(201);
      expect(expectProblem(await newProduct(token, "fourth"), 409, "CONFLICT").detail).toMatch(/at most 3 products/);
      expect(await db.product.count({ where: { orgId: org.id } })).toBe(3);

      expect((await newVersion(token, "kit", "1.1.0")).status).toBe(201);
      expect(expectProblem(await newVersion(token, "kit", "1.2.0"), 409, "CONFLICT").detail).toMatch(/at most 2 versions/);

      expect((await upload(token, "kit", "1.0.0", "a.zip", randomBytes(5))).status).toBe(201);
      expect((await upload(token, "kit", "1.0.0", "b.zip", randomBytes(5))).status).toBe(201);
      const third = await upload(token, "kit", "1.0.0", "c.zip", randomBytes(5));
      expect(third.status).toBe(409);
      expect(third.body.detail).toMatch(/at most 2 files/);
      // Replacing an existing file is not a new one.
      expect((await upload(token, "kit", "1.0.0", "a.zip", randomBytes(6))).status).toBe(201);
      // Parallel creations cannot overshoot a cap (row lock on the organisation).
      process.env.MAX_PRODUCTS_PER_ORG = "5";
      const results = await Promise.all(["r-1", "r-2", "r-3", "r-4"].map((id) => newProduct(token, id)));
      expect(results.map((r) => r.status).sort()).toEqual([201, 201, 409, 409]);
      expect(await db.product.count({ where: { orgId: org.id } })).toBe(5);
    } finally {
      delete process.env.MAX_PRODUCTS_PER_ORG;
      delete process.env.MAX_VERSIONS_PER_PRODUCT;
      delete process.env.MAX_FILES_PER_VERSION;
    }
  });
});

describe("an upload that goes quiet is cut off", () => {
  it("answers 408 after the idle timeout and stores nothing", async () => {
    const { org, token } = await draftWith({});
    process.env.UPLOAD_IDLE_TIMEOUT_MS = "300";
    try {
      let cancelled = false;
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          c.enqueue(new Uint8Array(randomBytes(1000)));
        },
        cancel() {
          cancelled = true;
        },
      });
      const started = Date.now();
      const res = await upload(token, "kit", "1.0.0", "slow.zip", body);
      expectProblem(res as never, 408, "REQUEST_TIMEOUT");
      // The client may still be trickling: the connection ends with the answer.
      expect(res.headers.get("connection")).toBe("close");
      expect(Date.now() - started).toBeLessThan(5000);
      expect(cancelled).toBe(true);
      expect(await db.productFile.count({ where: { version: { product: { orgId: org.id } } } })).toBe(0);
    } finally {
      delete process.env.UPLOAD_IDLE_TIMEOUT_MS;
    }
  });
});
