import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { useRateLimiter } from "@/lib/ratelimit/limiter";
import { MemoryRateLimiter } from "@/lib/ratelimit/memory";
import { hashKey } from "@/lib/keys/format";
import { findLiveToken } from "@/lib/downloads/tokens";
import { zipResponse } from "@/lib/downloads/zip";
import { callsByDay, callsByKeyAndDay, totalOf } from "@/lib/overview/usage";
import { downloadsByDay, purchasesByDay } from "@/lib/overview/sales";
import { periodStart } from "@/lib/overview/days";
import { recountRollup } from "@/lib/request-log/rollup";
import { gettingStarted } from "@/lib/overview/checklist";
import { buyerLibrary, libraryToken } from "@/lib/portal/library";
import { unzip } from "@/e2e/unzip";
import { createOrgWith, unique } from "./fixtures";
import { activate, draftWith, mint } from "./support/products";

beforeEach(() => useRateLimiter(new MemoryRateLimiter()));

const DAY = 86_400_000;

async function shop() {
  const a = randomBytes(5000);
  const b = randomBytes(1200);
  const { org, owner, token } = await draftWith({ "a.wav": a, "b.txt": b });
  expect((await activate(token, "kit", "1.0.0")).status).toBe(200);
  return { org, owner, token, a, b };
}

const zipOf = async (res: Response) => unzip(Buffer.from(await res.arrayBuffer()));
const counts = async (tokenId: string) =>
  Object.fromEntries(
    (await db.downloadFileCount.findMany({ where: { tokenId }, include: { file: true } })).map((c) => [c.file.name, c.count]),
  );

describe("Download all: one streamed zip, counted per file", () => {
  it("holds every file byte for byte and counts one download of each; a spent token gets no zip", async () => {
    const { token, a, b } = await shop();
    const minted = (await mint(token, { productId: "kit", version: "1.0.0", maxDownloads: 1 })).body;
    const live = (await findLiveToken(minted.token))!;
    const res = await zipResponse(new Request("http://localhost/x"), live, "198.51.100.1");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    const entries = await zipOf(res);
    expect([...entries.keys()]).toEqual(["a.wav", "b.txt"]);
    expect(entries.get("a.wav")).toEqual(a);
    expect(entries.get("b.txt")).toEqual(b);
    expect(await counts(live.id)).toEqual({ "a.wav": 1, "b.txt": 1 });
    expect((await db.downloadFileCount.findMany({ where: { tokenId: live.id } })).every((c) => c.deliveredAt)).toBe(true);
    await expect.poll(() => db.download.count({ where: { tokenId: live.id } })).toBe(2);
    expect((await zipResponse(new Request("http://localhost/x"), live, null)).status).toBe(410);
  });

  it("leaves out a file with no downloads left", async () => {
    const { token, b } = await shop();
    const minted = (await mint(token, { productId: "kit", version: "1.0.0", maxDownloads: 1 })).body;
    const live = (await findLiveToken(minted.token))!;
    const a = live.version.files.find((f) => f.name === "a.wav")!;
    await db.downloadFileCount.create({ data: { tokenId: live.id, fileId: a.id, count: 1, countedAt: new Date() } });
    const entries = await zipOf(await zipResponse(new Request("http://localhost/x"), live, null));
    expect([...entries.keys()]).toEqual(["b.txt"]);
    expect(entries.get("b.txt")).toEqual(b);
  });
});

describe("the buyer library", () => {
  it("lists files and the seller, reuses one portal token per buyer and version, and refuses someone else's purchase", async () => {
    const { org } = await shop();
    const email = `${unique("buyer")}@example.com`;
    const product = await db.product.findFirstOrThrow({ where: { orgId: org.id } });
    const purchase = await db.purchase.create({ data: { orgId: org.id, productId: product.id, email, source: "dashboard" } });
    const [item] = await buyerLibrary(email);
    expect(item).toMatchObject({ id: purchase.id, seller: org.name, version: "1.0.0" });
    expect(item.files.map((f) => f.name)).toEqual(["a.wav", "b.txt"]);
    const first = await libraryToken(email, purchase.id);
    const second = await libraryToken(email.toUpperCase(), purchase.id);
    expect(second.id).toBe(first.id);
    expect(first).toMatchObject({ source: "portal", customerEmail: email, maxDownloads: null });
    expect(await db.purchase.count({ where: { email } })).toBe(1);
    await expect(libraryToken(`${unique("other")}@example.com`, purchase.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await db.downloadToken.update({ where: { id: first.id }, data: { revokedAt: new Date() } });
    expect((await libraryToken(email, purchase.id)).id).not.toBe(first.id);
  });
});

describe("overview figures", () => {
  it("counts API calls per UTC day by outcome (429 apart from 4xx), per key, zero-filled, only the org's (a member: their own)", async () => {
    const { org, owner, others } = await createOrgWith(["member"]);
    const other = await createOrgWith();
    const now = new Date();
    const log = (status: number, daysAgo: number, keyId: string | null, userId = owner.id, orgId = org.id) => ({
      orgId,
      createdAt: new Date(now.getTime() - daysAgo * DAY),
      requestId: unique("req"),
      method: "GET",
      path: "/api/whoami",
      status,
      statusClass: Math.floor(status / 100),
      durationMs: 3,
      keyId,
      userId,
    });
    await db.requestLog.createMany({
      data: [
        log(200, 0, "k1"),
        log(200, 0, "k1"),
        log(404, 0, "k1"),
        log(429, 0, "k1"),
        log(503, 2, "k2"),
        log(201, 2, "k2", others[0].id),
        log(200, 10, "k1"),
        log(200, 0, "k1", owner.id, other.org.id),
      ],
    });
    // Written past the log writer, as the demo does: the charts' rollup is counted again from the rows.
    await recountRollup(org.id);
    await recountRollup(other.org.id);
    const from = periodStart(7, now);
    const week = await callsByDay({ orgId: org.id }, from, 7);
    expect(week).toHaveLength(7);
    expect(week[6]).toMatchObject({ "2xx": 2, "4xx": 1, "429": 1, "5xx": 0 });
    expect(week[4]).toMatchObject({ "2xx": 1, "5xx": 1 });
    expect(totalOf(week)).toEqual({ "2xx": 3, "4xx": 1, "429": 1, "5xx": 1 });
    expect(totalOf(await callsByDay({ orgId: org.id }, periodStart(30, now), 30))["2xx"]).toBe(4);
    expect(totalOf(await callsByDay({ orgId: org.id, onlyUserId: others[0].id }, from, 7))).toEqual({
      "2xx": 1,
      "4xx": 0,
      "429": 0,
      "5xx": 0,
    });
    const byKey = await callsByKeyAndDay(org.id, ["k1", "k2", "k3"], from, 7);
    expect(totalOf(byKey.get("k1")!)).toEqual({ "2xx": 2, "4xx": 1, "429": 1, "5xx": 0 });
    expect(totalOf(byKey.get("k2")!)).toEqual({ "2xx": 1, "4xx": 0, "429": 0, "5xx": 1 });
    expect(byKey.get("k3")).toHaveLength(7);
    expect(totalOf(byKey.get("k3")!)).toEqual({ "2xx": 0, "4xx": 0, "429": 0, "5xx": 0 });
  });

  it("counts purchases and downloads per day, and the checklist ticks from data and follows the role", async () => {
    const { org, owner, token } = await shop();
    const member = (await createOrgWith()).owner;
    await db.membership.create({ data: { orgId: org.id, userId: member.id, role: "member" } });
    const product = await db.product.findFirstOrThrow({ where: { orgId: org.id } });
    await db.purchase.create({ data: { orgId: org.id, productId: product.id, email: `${unique("b")}@example.com`, source: "api" } });
    const from = periodStart(7);
    expect((await purchasesByDay(org.id, from, 7)).reduce((n, d) => n + d.count, 0)).toBe(1);
    expect((await downloadsByDay(org.id, from, 7)).reduce((n, d) => n + d.count, 0)).toBe(0);

    // The API calls shop() made are logged after their answers went out: wait for the log, not a fixed time.
    const steps = async () => Object.fromEntries((await gettingStarted(org.id, owner.id, "owner")).map((s) => [s.id, s.done]));
    await expect.poll(steps).toEqual({ product: true, file: true, key: true, call: true, download: false, team: true });
    const minted = (await mint(token, { productId: "kit", version: "1.0.0" })).body;
    const live = (await findLiveToken(minted.token))!;
    await zipOf(await zipResponse(new Request("http://localhost/x"), live, null));
    await expect.poll(async () => (await downloadsByDay(org.id, from, 7)).reduce((n, d) => n + d.count, 0)).toBe(2);
    expect((await gettingStarted(org.id, owner.id, "owner")).find((s) => s.id === "download")?.done).toBe(true);

    const memberSteps = await gettingStarted(org.id, member.id, "member");
    expect(memberSteps.map((s) => s.id)).toEqual(["product", "file", "key", "call", "download"]);
    expect(memberSteps.find((s) => s.id === "key")).toMatchObject({ done: false, href: "/settings/api-key" });
    expect(hashKey(minted.token)).toBe(live.tokenHash);
  });
});
