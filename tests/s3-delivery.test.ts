import { createHash, randomBytes } from "node:crypto";
import net from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as downloadFile, HEAD as headFile } from "@/app/download/file/route";
import { db } from "@/lib/db/client";
import { useRateLimiter } from "@/lib/ratelimit/limiter";
import { MemoryRateLimiter } from "@/lib/ratelimit/memory";
import { hashKey } from "@/lib/keys/format";
import { storage } from "@/lib/storage";
import type { S3Storage } from "@/lib/storage/s3";
import { abortDirectUpload, completeDirectUpload, signParts, startDirectUpload, uploadedParts } from "@/lib/products/direct-upload";
import { actorFor } from "./fixtures";
import { draftWith, get, mint } from "./support/products";
import { startS3rver } from "./support/s3rver";

// A real S3 server in a child process, 8 MiB parts: slower than the in-memory tests on a busy machine.
vi.setConfig({ testTimeout: 120_000 });

let s3: Awaited<ReturnType<typeof startS3rver>>;
beforeAll(async () => {
  s3 = await startS3rver();
});
afterAll(async () => {
  await s3?.stop();
});
beforeEach(() => useRateLimiter(new MemoryRateLimiter()));

async function linkTo(files: Record<string, Buffer>, maxDownloads?: number) {
  const { org, owner, token } = await draftWith(files);
  const minted = (await mint(token, { productId: "kit", version: "1.0.0", ...(maxDownloads ? { maxDownloads } : {}) })).body;
  const rows = await db.productFile.findMany({ where: { version: { product: { orgId: org.id } } } });
  const href = (name: string) => `/download/file?token=${minted.token}&file=${rows.find((f) => f.name === name)!.id}`;
  const row = await db.downloadToken.findUniqueOrThrow({ where: { tokenHash: hashKey(minted.token) } });
  return { org, owner, token, href, row, rows };
}

const count = async (tokenId: string) => (await db.downloadFileCount.findMany({ where: { tokenId } })).reduce((n, c) => n + c.count, 0);

describe("downloads from S3 storage", () => {
  it("stores API uploads in the bucket and answers 302 to a presigned GET that serves the file as an attachment", async () => {
    expect(storage().kind).toBe("s3");
    const bytes = randomBytes(50_000);
    const { href, row } = await linkTo({ "Ré sumé <x>.html": bytes });
    const res = await get(downloadFile, href("Ré sumé <x>.html"));
    expect(res.status).toBe(302);
    expect(res.headers.get("cache-control")).toContain("no-store");
    const location = new URL(res.headers.get("location")!);
    expect(location.origin).toBe(s3.endpoint);
    expect(Number(location.searchParams.get("X-Amz-Expires"))).toBeLessThanOrEqual(300);
    expect(Number(location.searchParams.get("X-Amz-Expires"))).toBeGreaterThan(0);
    expect(location.searchParams.get("response-content-type")).toBe("application/zip");

    const followed = await fetch(location);
    expect(followed.status).toBe(200);
    // Buffer.equals: toEqual walks 8 MiB byte by byte.
    expect(Buffer.from(await followed.arrayBuffer()).equals(bytes)).toBe(true);
    expect(followed.headers.get("content-type")).toBe("application/zip");
    const disposition = followed.headers.get("content-disposition")!;
    expect(disposition).toMatch(/^attachment; filename="R_ sum_ <x>.html"; filename\*=UTF-8''R%C3%A9%20sum%C3%A9%20%3Cx%3E.html$/);
    expect(await count(row.id)).toBe(1);
    expect(await db.download.count({ where: { tokenId: row.id } })).toBe(1);

    // Range then happens at the storage.
    const part = await fetch(location, { headers: { range: "bytes=100-199" } });
    expect(part.status).toBe(206);
    expect(Buffer.from(await part.arrayBuffer()).equals(bytes.subarray(100, 200))).toBe(true);
  });

  it("counts each redirect like a streamed GET: per-file limits, 410 when spent, HEAD never counts and never redirects", async () => {
    const { href, row } = await linkTo({ "a.zip": randomBytes(2000), "b.zip": randomBytes(2000) }, 2);
    const head = await get(headFile, href("a.zip"), {}, "HEAD");
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("2000");
    expect(head.headers.get("location")).toBeNull();
    expect(await count(row.id)).toBe(0);

    expect((await get(downloadFile, href("a.zip"))).status).toBe(302);
    expect((await get(downloadFile, href("a.zip"), { range: "bytes=0-99" })).status).toBe(302);
    expect(await count(row.id)).toBe(2);
    const spent = await get(downloadFile, href("a.zip"));
    expect(spent.status).toBe(410);
    expect(spent.headers.get("location")).toBeNull();
    expect((await get(headFile, href("a.zip"), {}, "HEAD")).status).toBe(410);
    expect((await get(downloadFile, href("b.zip"))).status).toBe(302);
    const unsatisfiable = await get(downloadFile, href("b.zip"), { range: "bytes=5000-" });
    expect(unsatisfiable.status).toBe(416);
  });

  it("a resume (Range past byte 0) after a counted download is redirected free once; the next one counts", async () => {
    const { href, row } = await linkTo({ "a.zip": randomBytes(4000) }, 3);
    expect((await get(downloadFile, href("a.zip"))).status).toBe(302);
    expect((await get(downloadFile, href("a.zip"), { range: "bytes=1000-" })).status).toBe(302);
    expect(await count(row.id)).toBe(1);
    expect((await get(downloadFile, href("a.zip"), { range: "bytes=2000-" })).status).toBe(302);
    expect(await count(row.id)).toBe(2);
    expect((await get(downloadFile, href("a.zip"), { range: "bytes=2500-" })).status).toBe(302);
    expect(await count(row.id)).toBe(2);
    expect((await get(downloadFile, href("a.zip"))).status).toBe(302);
    expect(await count(row.id)).toBe(3);
    expect((await get(downloadFile, href("a.zip"), { range: "bytes=3000-" })).status).toBe(302);
    expect((await get(downloadFile, href("a.zip"), { range: "bytes=3500-" })).status).toBe(410);
  });

  it("two parallel resumes cannot both be free", async () => {
    const { href, row } = await linkTo({ "a.zip": randomBytes(4000) }, 5);
    expect((await get(downloadFile, href("a.zip"))).status).toBe(302);
    const both = await Promise.all([1, 2].map(() => get(downloadFile, href("a.zip"), { range: "bytes=1000-" })));
    expect(both.map((r) => r.status)).toEqual([302, 302]);
    expect(await count(row.id)).toBe(2);
  });
});

describe("direct multipart uploads to S3 storage", () => {
  async function draft() {
    const { org, owner } = await draftWith({ "first.zip": randomBytes(10) });
    return { org, actor: actorFor(owner) };
  }

  async function putPart(url: string, body: Buffer) {
    const res = await fetch(url, { method: "PUT", body: new Uint8Array(body) });
    expect(res.status).toBe(200);
    return res.headers.get("etag")!;
  }

  it("create, sign, upload parts in parallel, list for resume, complete: the file row is written with size and hash", async () => {
    const { org, actor } = await draft();
    const partSize = 8 * 1024 * 1024;
    const bytes = randomBytes(partSize + 12345);
    const started = await startDirectUpload(actor, org.id, "kit", "1.0.0", {
      name: "big.bin",
      size: bytes.length,
      contentType: "text/html",
    });
    expect(started).toMatchObject({ partSize, partCount: 2 });
    expect(await db.productFile.count({ where: { name: "big.bin" } })).toBe(0);

    const { urls } = await signParts(actor, org.id, { ticket: started.ticket, parts: [1, 2] });
    expect(Number(new URL(urls[0].url).searchParams.get("X-Amz-Expires"))).toBeLessThanOrEqual(3600);
    const first = await putPart(urls[0].url, bytes.subarray(0, partSize));
    // A dropped connection: the page asks the bucket what it already holds and sends only the rest.
    const { parts } = await uploadedParts(actor, org.id, { ticket: started.ticket });
    expect(parts.map((p) => p.partNumber)).toEqual([1]);
    const second = await putPart(urls[1].url, bytes.subarray(partSize));

    const file = await completeDirectUpload(actor, org.id, {
      ticket: started.ticket,
      parts: [
        { partNumber: 2, etag: second },
        { partNumber: 1, etag: first },
      ],
    });
    expect(Number(file.size)).toBe(bytes.length);
    expect(file.contentType).toBe("text/html");
    const stored = await storage().read(file.storageKey);
    expect(Buffer.from(await new Response(stored).arrayBuffer()).equals(bytes)).toBe(true);
    expect(file.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
    const version = await db.productVersion.findUniqueOrThrow({ where: { id: file.versionId } });
    expect(version.status).toBe("ready");
  });

  it("refuses a completion whose bytes differ from the declared size, and leaves no row nor object", async () => {
    const { org, actor } = await draft();
    const started = await startDirectUpload(actor, org.id, "kit", "1.0.0", { name: "short.bin", size: 5000 });
    const { urls } = await signParts(actor, org.id, { ticket: started.ticket, parts: [1] });
    const etag = await putPart(urls[0].url, randomBytes(4000));
    await expect(completeDirectUpload(actor, org.id, { ticket: started.ticket, parts: [{ partNumber: 1, etag }] })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    expect(await db.productFile.count({ where: { name: "short.bin" } })).toBe(0);
    const key = JSON.parse(Buffer.from(started.ticket.split(".")[0], "base64url").toString()).k as string;
    expect(await (storage() as S3Storage).size(key)).toBeNull();
  });

  it("enforces the limits before anything reaches the bucket, and checks the ticket", async () => {
    const { org, actor } = await draft();
    await expect(startDirectUpload(actor, org.id, "kit", "1.0.0", { name: "huge.bin", size: 6 * 1024 ** 4 })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await expect(startDirectUpload(actor, org.id, "kit", "1.0.0", { name: "../x", size: 10 })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    const started = await startDirectUpload(actor, org.id, "kit", "1.0.0", { name: "ok.bin", size: 10 });
    const forged = started.ticket.replace(/.$/, (c) => (c === "A" ? "B" : "A"));
    await expect(signParts(actor, org.id, { ticket: forged, parts: [1] })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    await expect(signParts(actor, org.id, { ticket: started.ticket, parts: [2] })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    const other = await draft();
    await expect(signParts(other.actor, other.org.id, { ticket: started.ticket, parts: [1] })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
  });

  /** A part PUT whose connection drops after `sent` of its bytes (a reload or a lost network mid-part). */
  async function cutPart(url: string, size: number, sent: number) {
    const u = new URL(url);
    const socket = net.connect(Number(u.port), u.hostname);
    await new Promise((r) => socket.once("connect", r));
    socket.write(`PUT ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nContent-Length: ${size}\r\n\r\n`);
    await new Promise((r) => socket.write(randomBytes(sent), r));
    await new Promise((r) => setTimeout(r, 200));
    socket.destroy();
  }

  it("a part cut off midway is not listed: the resumed upload sends it again and completes with the ETags ListParts gave", async () => {
    const { org, actor } = await draft();
    const partSize = 8 * 1024 * 1024;
    const bytes = randomBytes(partSize + 5000);
    const started = await startDirectUpload(actor, org.id, "kit", "1.0.0", { name: "cut.bin", size: bytes.length });
    const { urls } = await signParts(actor, org.id, { ticket: started.ticket, parts: [1, 2] });
    await putPart(urls[0].url, bytes.subarray(0, partSize));
    await cutPart(urls[1].url, 5000, 1000);

    const { parts } = await uploadedParts(actor, org.id, { ticket: started.ticket });
    expect(parts.map((p) => [p.partNumber, p.size])).toEqual([[1, partSize]]);
    const second = await putPart(urls[1].url, bytes.subarray(partSize));
    const file = await completeDirectUpload(actor, org.id, {
      ticket: started.ticket,
      parts: [
        { partNumber: 1, etag: parts[0].etag },
        { partNumber: 2, etag: second },
      ],
    });
    expect(file.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
  });

  it("abort discards the parts: the upload can no longer be completed", async () => {
    const { org, actor } = await draft();
    const started = await startDirectUpload(actor, org.id, "kit", "1.0.0", { name: "gone.bin", size: 100 });
    const { urls } = await signParts(actor, org.id, { ticket: started.ticket, parts: [1] });
    const etag = await putPart(urls[0].url, randomBytes(100));
    await abortDirectUpload(actor, org.id, { ticket: started.ticket });
    await expect(completeDirectUpload(actor, org.id, { ticket: started.ticket, parts: [{ partNumber: 1, etag }] })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    expect(await db.productFile.count({ where: { name: "gone.bin" } })).toBe(0);
  });
});
