import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { GET as downloadPage } from "@/app/download/route";
import { GET as downloadFile, HEAD as headFile } from "@/app/download/file/route";
import { db } from "@/lib/db/client";
import { useRateLimiter } from "@/lib/ratelimit/limiter";
import { MemoryRateLimiter } from "@/lib/ratelimit/memory";
import { FAILED_TOKEN_LOOKUPS_PER_MINUTE } from "@/lib/ratelimit/download-tokens";
import { RESUME_WINDOW_MS } from "@/lib/downloads/counts";
import { hashKey, mintKeyToken } from "@/lib/keys/format";
import { draftWith, get, mint, upload } from "./support/products";

beforeEach(() => useRateLimiter(new MemoryRateLimiter()));
afterEach(() => vi.useRealTimers());

async function twoFiles(maxDownloads: number | null, extra: Record<string, Buffer> = {}) {
  const a = randomBytes(4000);
  const b = randomBytes(3000);
  const { org, token } = await draftWith({ "a.zip": a, "b.zip": b, ...extra });
  const minted = (await mint(token, { productId: "kit", version: "1.0.0", ...(maxDownloads ? { maxDownloads } : {}) })).body;
  const files = await db.productFile.findMany({ where: { version: { product: { orgId: org.id } } } });
  const href = (name: string) => `/download/file?token=${minted.token}&file=${files.find((f) => f.name === name)!.id}`;
  const row = await db.downloadToken.findUniqueOrThrow({ where: { tokenHash: hashKey(minted.token) } });
  return { org, token, minted, href, a, b, row };
}

const bytesOf = async (res: Response) => Buffer.from(await res.arrayBuffer());
const counts = async (tokenId: string) =>
  Object.fromEntries(
    (await db.downloadFileCount.findMany({ where: { tokenId }, include: { file: true } })).map((c) => [c.file.name, c.count]),
  );

describe("download limits count per file", () => {
  it("a limit of 2 on a two-file version lets each file be downloaded twice", async () => {
    const { minted, href, a, b, row } = await twoFiles(2);
    for (let i = 0; i < 2; i++) {
      expect(await bytesOf(await get(downloadFile, href("a.zip")))).toEqual(a);
      expect(await bytesOf(await get(downloadFile, href("b.zip")))).toEqual(b);
    }
    expect(await counts(row.id)).toEqual({ "a.zip": 2, "b.zip": 2 });
    const third = await get(downloadFile, href("a.zip"));
    expect(third.status).toBe(410);
    expect(third.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await third.text()).toContain("No downloads left");
    expect((await get(downloadPage, `/download?token=${minted.token}`)).status).toBe(410);
  });

  it("one spent file does not spend the others; the page says which", async () => {
    const { minted, href, row, b } = await twoFiles(2);
    for (let i = 0; i < 2; i++) expect((await get(downloadFile, href("a.zip"))).status).toBe(200);
    expect(await bytesOf(await get(downloadFile, href("b.zip"), { range: "bytes=0-9" }))).toEqual(b.subarray(0, 10));
    expect((await get(downloadFile, href("a.zip"))).status).toBe(410);
    const page = await get(downloadPage, `/download?token=${minted.token}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toMatch(/a\.zip.*No downloads left/s);
    expect(html).toContain("1 download left");
    expect(await counts(row.id)).toEqual({ "a.zip": 2, "b.zip": 1 });
  });

  it("HEAD never counts and answers the headers only", async () => {
    const { href, row } = await twoFiles(1);
    for (let i = 0; i < 5; i++) {
      const head = await get(headFile, href("a.zip"), {}, "HEAD");
      expect(head.status).toBe(200);
      expect(head.headers.get("content-length")).toBe("4000");
      expect(await head.text()).toBe("");
    }
    expect(await counts(row.id)).toEqual({});
    expect((await db.downloadToken.findUniqueOrThrow({ where: { id: row.id } })).downloadCount).toBe(0);
    expect((await get(downloadFile, href("a.zip"))).status).toBe(200);
    expect((await get(headFile, href("a.zip"), {}, "HEAD")).status).toBe(410);
  });

  it("a spent link never serves a byte, Range or not", async () => {
    const { href, a } = await twoFiles(1);
    expect(await bytesOf(await get(downloadFile, href("a.zip")))).toEqual(a);
    // The delivery is marked once the last chunk is pulled, just after the client has it.
    await expect.poll(async () => (await get(downloadFile, href("a.zip"), { range: "bytes=1-" })).status).toBe(410);
    for (const range of ["bytes=1-", "bytes=0-", "bytes=-100", "bytes=3999-3999", "bytes=10-20"]) {
      const res = await get(downloadFile, href("a.zip"), { range });
      expect({ range, status: res.status }).toEqual({ range, status: 410 });
      expect(res.headers.get("content-range")).toBeNull();
    }
  });

  it("an interrupted download resumes within the window without counting; after the window it is refused", async () => {
    const { href, a, row } = await twoFiles(1);
    // The first download drops after the first chunk: the stream is cancelled before the end.
    const first = await get(downloadFile, href("a.zip"));
    expect(first.status).toBe(200);
    await first.body!.cancel();
    const resumed = await get(downloadFile, href("a.zip"), { range: "bytes=1000-" });
    expect(resumed.status).toBe(206);
    expect(resumed.headers.get("content-range")).toBe("bytes 1000-3999/4000");
    expect(await bytesOf(resumed)).toEqual(a.subarray(1000));
    expect(await counts(row.id)).toEqual({ "a.zip": 1 });
    // The resume carried the last byte: nothing is left to resume.
    await expect.poll(async () => (await get(downloadFile, href("a.zip"), { range: "bytes=2000-" })).status).toBe(410);

    // Outside the window a resume is a new download, and this file has none left.
    const other = await twoFiles(1);
    const cut = await get(downloadFile, other.href("b.zip"));
    await cut.body!.cancel();
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Date.now() + RESUME_WINDOW_MS + 1000);
    expect((await get(downloadFile, other.href("b.zip"), { range: "bytes=10-" })).status).toBe(410);
  });

  it("two parallel downloads of one file at limit − 1 let exactly one through", async () => {
    const { href, row } = await twoFiles(2);
    expect((await get(downloadFile, href("a.zip"))).status).toBe(200);
    const results = await Promise.all([get(downloadFile, href("a.zip")), get(downloadFile, href("a.zip"))]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 410]);
    expect(await counts(row.id)).toEqual({ "a.zip": 2 });
    expect((await db.downloadToken.findUniqueOrThrow({ where: { id: row.id } })).downloadCount).toBe(2);
  });
});

describe("files are served inert", () => {
  it("HTML, SVG and XML come back as octet-stream attachments with nosniff and a sandbox CSP; inert types keep theirs", async () => {
    const { org, token } = await draftWith({});
    const cases: [string, string, string][] = [
      ["page.html", "text/html", "application/octet-stream"],
      ["logo.svg", "image/svg+xml", "application/octet-stream"],
      ["feed.xml", "application/xml", "application/octet-stream"],
      ["song.mp3", "audio/mpeg", "audio/mpeg"],
      ["cover.png", "image/png", "image/png"],
      ["book.pdf", "application/pdf", "application/pdf"],
    ];
    for (const [name, type] of cases)
      expect((await upload(token, "kit", "1.0.0", name, Buffer.from("<script>alert(1)</script>"), { type })).status).toBe(201);
    const minted = (await mint(token, { productId: "kit", version: "1.0.0" })).body;
    const files = await db.productFile.findMany({ where: { version: { product: { orgId: org.id } } } });
    for (const [name, stored, served] of cases) {
      const file = files.find((f) => f.name === name)!;
      expect(file.contentType).toBe(stored);
      for (const method of ["GET", "HEAD"]) {
        const res = await get(
          method === "GET" ? downloadFile : headFile,
          `/download/file?token=${minted.token}&file=${file.id}`,
          {},
          method,
        );
        expect(res.status).toBe(200);
        expect(res.headers.get("content-type")).toBe(served);
        expect(res.headers.get("content-disposition")).toMatch(/^attachment; /);
        expect(res.headers.get("x-content-type-options")).toBe("nosniff");
        expect(res.headers.get("content-security-policy")).toBe("sandbox");
      }
    }
  });
});

describe("unknown download tokens are limited per address", () => {
  it("answers 429 after too many unknown tokens from one address; a live token from another address still works", async () => {
    const { href } = await twoFiles(null);
    // All attempts inside one window of the sliding-window limiter (no minute boundary in between).
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(Math.ceil(Date.now() / 60_000) * 60_000 + 1000);
    const attacker = { "x-forwarded-for": "203.0.113.66" };
    for (let i = 0; i < FAILED_TOKEN_LOOKUPS_PER_MINUTE; i++) {
      const res = await get(
        i % 2 ? downloadPage : downloadFile,
        `/download${i % 2 ? "" : "/file"}?token=${mintKeyToken()}&file=x`,
        attacker,
      );
      expect(res.status).toBe(404);
    }
    const limited = await get(downloadPage, `/download?token=${mintKeyToken()}`, attacker);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThan(0);
    expect((await get(downloadFile, href("a.zip"), attacker)).status).toBe(429);
    // Someone else, with a working link, is not affected.
    expect((await get(downloadFile, href("a.zip"), { "x-forwarded-for": "203.0.113.67" })).status).toBe(200);
  });
});
