import { createHash, randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as listProductsRoute, POST as createProductRoute } from "@/app/api/products/route";
import { POST as createVersionRoute } from "@/app/api/products/[id]/versions/route";
import { PUT as uploadRoute } from "@/app/api/products/[id]/versions/[version]/files/[filename]/route";
import { GET as listFilesRoute } from "@/app/api/products/[id]/versions/[version]/files/route";
import { POST as activateRoute } from "@/app/api/products/[id]/versions/[version]/activate/route";
import { POST as generateRoute } from "@/app/api/generate-download-url/route";
import { GET as purchasesGet, POST as purchasesPost } from "@/app/api/purchases/route";
import { GET as downloadPage } from "@/app/download/route";
import { GET as downloadFile } from "@/app/download/file/route";
import { db } from "@/lib/db/client";
import { flushRequestLog } from "@/lib/request-log/record";
import { useRateLimiter } from "@/lib/ratelimit/limiter";
import { MemoryRateLimiter } from "@/lib/ratelimit/memory";
import { revokeDownloadToken } from "@/lib/downloads/tokens";
import { hashKey } from "@/lib/keys/format";
import { mintPortalLink } from "@/lib/portal/links";
import { purchasesForBuyer } from "@/lib/purchases/purchases";
import { actorFor, createOrgWith, personalKey, unique } from "./fixtures";
import { call, expectProblem } from "./api/client";

beforeEach(() => useRateLimiter(new MemoryRateLimiter()));
afterEach(() => vi.useRealTimers());

const sha = (b: Buffer) => createHash("sha256").update(b).digest("hex");

async function upload(token: string, id: string, version: string, name: string, bytes: Buffer) {
  const req = new Request(`http://localhost/api/products/${id}/versions/${version}/files/${encodeURIComponent(name)}`, {
    method: "PUT",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/zip", "content-length": String(bytes.length) },
    body: new Uint8Array(bytes),
  });
  // Next hands the route the path segment decoded once: the name itself.
  const res = await uploadRoute(req, { params: Promise.resolve({ id, version, filename: name }) as never });
  return { status: res.status, body: await res.json() };
}

/** The seed's product, uploaded and activated through the API. */
async function seedEpicDrums() {
  const { org, owner, others } = await createOrgWith(["member"]);
  const { token } = await personalKey(org.id, owner);
  expect(
    (
      await call(createProductRoute, "/api/products", {
        method: "POST",
        token,
        body: { id: "epic-drums-v1", name: "Epic Drum Kit Vol. 1" },
      })
    ).status,
  ).toBe(201);
  expect(
    (await call(createVersionRoute, "/x", { method: "POST", token, params: { id: "epic-drums-v1" }, body: { version: "1.0.0" } })).status,
  ).toBe(201);
  const bytes = randomBytes(300_000);
  const up = await upload(token, "epic-drums-v1", "1.0.0", "Epic Drums.zip", bytes);
  expect(up).toMatchObject({ status: 201, body: { name: "Epic Drums.zip", size: 300_000, sha256: sha(bytes) } });
  expect((await call(activateRoute, "/x", { method: "POST", token, params: { id: "epic-drums-v1", version: "1.0.0" } })).status).toBe(200);
  return { org, owner, member: others[0], token, bytes };
}

const tokenFrom = (url: string) => new URL(url).searchParams.get("token")!;
const get = (handler: (r: Request) => Promise<Response>, path: string, headers: Record<string, string> = {}) =>
  handler(new Request(`http://localhost${path}`, { headers }));

describe("the seed examples, as written", () => {
  it("GET /api/products answers the documented array", async () => {
    const { token, org } = await seedEpicDrums();
    const res = await call(listProductsRoute, "/api/products", { token, headers: { "Content-Type": "application/json" } });
    expect(res.status).toBe(200);
    const version = await db.productVersion.findFirstOrThrow({ where: { product: { orgId: org.id } } });
    expect(res.body).toEqual([
      {
        product: { id: "epic-drums-v1", name: "Epic Drum Kit Vol. 1", status: "draft" },
        activeVersion: { id: version.id, version: "1.0.0", status: "ready" },
      },
    ]);
  });

  it("POST /api/generate-download-url mints a 24-hour /download?token=ct_… URL", async () => {
    const { token } = await seedEpicDrums();
    const res = await call(generateRoute, "/api/generate-download-url", {
      method: "POST",
      token,
      body: { productId: "epic-drums-v1", version: "1.0.0" },
    });
    expect(res.status).toBe(201);
    expect(res.body.url).toMatch(/\/download\?token=ct_[0-9A-Za-z]{38}$/);
    expect(res.body.token).toBe(tokenFrom(res.body.url));
    expect(new Date(res.body.expiresAt).getTime() - Date.now()).toBeGreaterThan(23.9 * 3_600_000);
    expect(await db.downloadToken.count({ where: { tokenHash: res.body.token } })).toBe(0);
  });
});

describe("products API", () => {
  it("a product with no active version lists null; unknown product or version is 404; a version without files is 422", async () => {
    const { org, owner } = await createOrgWith();
    const { token } = await personalKey(org.id, owner);
    await call(createProductRoute, "/api/products", { method: "POST", token, body: { id: "synth-pack", name: "Synth Pack" } });
    expect((await call(listProductsRoute, "/api/products", { token })).body).toEqual([
      { product: { id: "synth-pack", name: "Synth Pack", status: "draft" }, activeVersion: null },
    ]);
    await call(createVersionRoute, "/x", { method: "POST", token, params: { id: "synth-pack" }, body: { version: "2.0.0" } });
    expectProblem(
      await call(generateRoute, "/x", { method: "POST", token, body: { productId: "nope-nope", version: "1.0.0" } }),
      404,
      "NOT_FOUND",
    );
    expectProblem(
      await call(generateRoute, "/x", { method: "POST", token, body: { productId: "synth-pack", version: "9.9.9" } }),
      404,
      "NOT_FOUND",
    );
    expectProblem(
      await call(generateRoute, "/x", { method: "POST", token, body: { productId: "synth-pack", version: "2.0.0" } }),
      422,
      "VALIDATION_FAILED",
    );
    expectProblem(
      await call(activateRoute, "/x", { method: "POST", token, params: { id: "synth-pack", version: "2.0.0" } }),
      422,
      "VALIDATION_FAILED",
    );
    const dup = expectProblem(
      await call(createProductRoute, "/api/products", { method: "POST", token, body: { id: "synth-pack", name: "Again" } }),
      422,
      "VALIDATION_FAILED",
    );
    expect(dup.errors.id).toBeDefined();
    expect(
      expectProblem(
        await call(createProductRoute, "/api/products", { method: "POST", token, body: { id: "Bad Id!", name: "" } }),
        422,
        "VALIDATION_FAILED",
      ).errors,
    ).toHaveProperty("name");
  });

  it("lists a version's files; another organisation's product is 404", async () => {
    const { token } = await seedEpicDrums();
    const files = await call(listFilesRoute, "/x", { token, params: { id: "epic-drums-v1", version: "1.0.0" } });
    expect(files.body).toEqual([expect.objectContaining({ name: "Epic Drums.zip", size: 300_000 })]);
    const other = await createOrgWith();
    const { token: otherKey } = await personalKey(other.org.id, other.owner);
    expectProblem(
      await call(listFilesRoute, "/x", { token: otherKey, params: { id: "epic-drums-v1", version: "1.0.0" } }),
      404,
      "NOT_FOUND",
    );
  });
});

describe("delivery", () => {
  it("shows the files, streams the exact bytes with headers, and resumes with Range", async () => {
    const { token, bytes } = await seedEpicDrums();
    const { body } = await call(generateRoute, "/x", { method: "POST", token, body: { productId: "epic-drums-v1", version: "1.0.0" } });
    const page = await get(downloadPage, `/download?token=${body.token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("Epic Drum Kit Vol. 1");
    expect(html).toContain("293.0 KB");
    const href = html.match(/href="(\/download\/file\?[^"]+)"/)![1].replace(/&#38;/g, "&");

    const full = await get(downloadFile, href);
    expect(full.status).toBe(200);
    expect(full.headers.get("content-length")).toBe("300000");
    expect(full.headers.get("content-disposition")).toContain("filename*=UTF-8''Epic%20Drums.zip");
    expect(full.headers.get("etag")).toBe(`"${sha(bytes)}"`);
    expect(sha(Buffer.from(await full.arrayBuffer()))).toBe(sha(bytes));

    const part = await get(downloadFile, href, { range: "bytes=100000-199999" });
    expect(part.status).toBe(206);
    expect(part.headers.get("content-range")).toBe("bytes 100000-199999/300000");
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100000, 200000))).toBe(true);
    const tail = await get(downloadFile, href, { range: "bytes=200000-" });
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(200000))).toBe(true);
    expect((await get(downloadFile, href, { range: "bytes=400000-" })).status).toBe(416);
    const row = await db.downloadToken.findUniqueOrThrow({ where: { tokenHash: hashKey(body.token) } });
    // The full download delivered the last byte, so the next ranged request from the middle is a
    // new (counted) download; the tail after it is its resume and does not count again.
    expect(row.downloadCount).toBe(2);
    await expect.poll(() => db.download.count({ where: { tokenId: row.id } })).toBe(3);
  });

  it("expired (clock moved), revoked and unknown tokens get a clear page with a link to /my", async () => {
    const { token, org, owner } = await seedEpicDrums();
    const minted = (await call(generateRoute, "/x", { method: "POST", token, body: { productId: "epic-drums-v1", version: "1.0.0" } }))
      .body;
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + 24 * 3_600_000 + 1000);
    const expired = await get(downloadPage, `/download?token=${minted.token}`);
    expect(expired.status).toBe(410);
    const html = await expired.text();
    expect(html).toContain("This link has expired");
    expect(html).toContain('href="/my"');
    vi.useRealTimers();

    const second = (await call(generateRoute, "/x", { method: "POST", token, body: { productId: "epic-drums-v1", version: "1.0.0" } }))
      .body;
    const row = await db.downloadToken.findFirstOrThrow({ where: { orgId: org.id }, orderBy: { createdAt: "desc" } });
    await revokeDownloadToken(actorFor(owner), org.id, row.id);
    expect((await get(downloadPage, `/download?token=${second.token}`)).status).toBe(410);
    expect((await get(downloadPage, "/download?token=ct_nothing")).status).toBe(404);
  });

  it("a token is bound to its version: another version's file is refused", async () => {
    const { token } = await seedEpicDrums();
    await call(createVersionRoute, "/x", { method: "POST", token, params: { id: "epic-drums-v1" }, body: { version: "2.0.0" } });
    await upload(token, "epic-drums-v1", "2.0.0", "v2.zip", randomBytes(1000));
    const v2file = await db.productFile.findFirstOrThrow({ where: { name: "v2.zip" } });
    const minted = (await call(generateRoute, "/x", { method: "POST", token, body: { productId: "epic-drums-v1", version: "1.0.0" } }))
      .body;
    expect((await get(downloadFile, `/download/file?token=${minted.token}&file=${v2file.id}`)).status).toBe(404);
  });

  it("two parallel downloads at limit − 1 let exactly one through", async () => {
    const { token } = await seedEpicDrums();
    const minted = (
      await call(generateRoute, "/x", { method: "POST", token, body: { productId: "epic-drums-v1", version: "1.0.0", maxDownloads: 2 } })
    ).body;
    const file = await db.productFile.findFirstOrThrow({ where: { name: "Epic Drums.zip" }, orderBy: { createdAt: "desc" } });
    const href = `/download/file?token=${minted.token}&file=${file.id}`;
    expect((await get(downloadFile, href)).status).toBe(200);
    const [a, b] = await Promise.all([get(downloadFile, href), get(downloadFile, href)]);
    expect([a.status, b.status].sort()).toEqual([200, 410]);
    expect((await get(downloadPage, `/download?token=${minted.token}`)).status).toBe(410);
  });

  it("never stores or logs a download token in plain text", async () => {
    const { token, org } = await seedEpicDrums();
    const minted = (await call(generateRoute, "/x", { method: "POST", token, body: { productId: "epic-drums-v1", version: "1.0.0" } }))
      .body;
    await flushRequestLog();
    const rows = await db.$queryRaw<{ t: string }[]>`SELECT row_to_json(r)::text AS t FROM "RequestLog" r WHERE "orgId" = ${org.id}`;
    expect(rows.length).toBeGreaterThan(0);
    for (const r of rows) expect(r.t).not.toContain(minted.token.slice(3, 20));
  });
});

describe("purchases and the portal", () => {
  it("POST /api/purchases is idempotent on externalId, also when retried at once", async () => {
    const { token } = await seedEpicDrums();
    const email = `${unique("buyer")}@example.com`;
    const body = { email, productId: "epic-drums-v1", externalId: unique("order") };
    const [a, b] = await Promise.all([
      call(purchasesPost, "/api/purchases", { method: "POST", token, body }),
      call(purchasesPost, "/api/purchases", { method: "POST", token, body }),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
    const listed = await call(purchasesGet, `/api/purchases?email=${email}`, { token });
    expect(listed.body).toHaveLength(1);
    expectProblem(
      await call(purchasesPost, "/api/purchases", { method: "POST", token, body: { email: "nope", productId: "epic-drums-v1" } }),
      422,
      "VALIDATION_FAILED",
    );
  });

  it("a buyer sees only their own purchases and mints fresh links for them, never for someone else's", async () => {
    const { token, bytes } = await seedEpicDrums();
    const alice = `${unique("alice")}@example.com`;
    const bob = `${unique("bob")}@example.com`;
    await call(purchasesPost, "/api/purchases", { method: "POST", token, body: { email: alice, productId: "epic-drums-v1" } });
    await call(purchasesPost, "/api/purchases", { method: "POST", token, body: { email: bob, productId: "epic-drums-v1" } });
    const mine = await purchasesForBuyer(alice);
    expect(mine.map((p) => p.email)).toEqual([alice]);
    const bobs = (await purchasesForBuyer(bob))[0];
    await expect(mintPortalLink(alice, bobs.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    const link = await mintPortalLink(alice, mine[0].id);
    const html = await (await get(downloadPage, new URL(link.url).pathname + new URL(link.url).search)).text();
    const href = html.match(/href="(\/download\/file\?[^"]+)"/)![1].replace(/&#38;/g, "&");
    const res = await get(downloadFile, href);
    const got = Buffer.from(await res.arrayBuffer());
    expect({ status: res.status, size: got.length }).toEqual({ status: 200, size: bytes.length });
    expect(sha(got)).toBe(sha(bytes));
  });

  it("limits fresh links to 20 an hour per buyer, and refuses archived products", async () => {
    const { token } = await seedEpicDrums();
    const carol = `${unique("carol")}@example.com`;
    await call(purchasesPost, "/api/purchases", { method: "POST", token, body: { email: carol, productId: "epic-drums-v1" } });
    const [purchase] = await purchasesForBuyer(carol);
    for (let i = 0; i < 20; i++) await mintPortalLink(carol, purchase.id);
    await expect(mintPortalLink(carol, purchase.id)).rejects.toMatchObject({ code: "RATE_LIMITED" });
    useRateLimiter(new MemoryRateLimiter());
    await db.product.update({ where: { id: purchase.productId }, data: { status: "archived" } });
    await expect(mintPortalLink(carol, purchase.id)).rejects.toMatchObject({ code: "CONFLICT" });
  });
});
