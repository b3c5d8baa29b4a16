import { randomBytes } from "node:crypto";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { Webhook } from "standardwebhooks";
import { POST as purchasesPost } from "@/app/api/purchases/route";
import { POST as activateRoute } from "@/app/api/products/[id]/versions/[version]/activate/route";
import { POST as createWebhook } from "@/app/api/webhooks/route";
import { GET as downloadPage } from "@/app/download/route";
import { GET as downloadFile } from "@/app/download/file/route";
import { db } from "@/lib/db/client";
import { useRateLimiter } from "@/lib/ratelimit/limiter";
import { MemoryRateLimiter } from "@/lib/ratelimit/memory";
import { sendNoticeMails } from "@/lib/notices/send";
import { noticeProgress } from "@/lib/notices/progress";
import { deliverDue } from "@/lib/webhooks/worker";
import { unique } from "./fixtures";
import { call } from "./api/client";
import { activate, draftWith, get, mint, newVersion, upload } from "./support/products";
import { startReceiver } from "./support/webhook-receiver";

// Generous: these files run real HTTP round trips and a worker on a machine other suites share.
vi.setConfig({ testTimeout: 90_000 });
beforeEach(() => useRateLimiter(new MemoryRateLimiter()));

const buyer = () => `${unique("buyer")}@example.com`.toLowerCase();

/** "kit" 1.0.0 active, bought by `emails`, and a ready 1.0.1 not yet active. */
async function sellerWithBuyers(emails: string[]) {
  const ctx = await draftWith({ "Kit.zip": randomBytes(1000) });
  expect((await activate(ctx.token, "kit", "1.0.0")).status).toBe(200);
  for (const email of emails)
    await call(purchasesPost, "/api/purchases", { method: "POST", token: ctx.token, body: { email, productId: "kit" } });
  expect((await newVersion(ctx.token, "kit", "1.0.1")).status).toBe(201);
  expect((await upload(ctx.token, "kit", "1.0.1", "Kit.zip", randomBytes(1000))).status).toBe(201);
  const product = await db.product.findUniqueOrThrow({ where: { orgId_slug: { orgId: ctx.org.id, slug: "kit" } } });
  return { ...ctx, product };
}

const activateWith = (token: string, body?: unknown) =>
  call(activateRoute, "/x", { method: "POST", token, params: { id: "kit", version: "1.0.1" }, ...(body ? { body } : {}) });

describe("new-version notices", () => {
  it(
    "emails each distinct buyer once, at a bounded rate, with a link to /my; the dashboard sees the progress",
    { timeout: 90_000 },
    async () => {
      const [a, b, revoked] = [buyer(), buyer(), buyer()];
      const { org, token, product } = await sellerWithBuyers([a, b, a, revoked]);
      await db.purchase.updateMany({ where: { email: revoked }, data: { revokedAt: new Date() } });

      const res = await activateWith(token, { notifyBuyers: true });
      expect(res.status).toBe(200);
      expect(res.body.activeVersion.version).toBe("1.0.1");
      const [notice] = await noticeProgress(product.id);
      expect(notice).toMatchObject({ version: "1.0.1", total: 2, sent: 0, failed: 0 });

      // One mail a second at 60 a minute: the second call in the same second sends nothing.
      const t0 = new Date(Date.now() + 3_600_000);
      expect(await sendNoticeMails({ now: t0, perMinute: 60 })).toBe(1);
      expect(await sendNoticeMails({ now: t0, perMinute: 60 })).toBe(0);
      expect((await noticeProgress(product.id))[0]).toMatchObject({ sent: 1, total: 2 });
      expect(await sendNoticeMails({ now: new Date(t0.getTime() + 1_000), perMinute: 60 })).toBe(1);
      expect(await sendNoticeMails({ now: new Date(t0.getTime() + 10_000), perMinute: 60 })).toBe(0);
      expect((await noticeProgress(product.id))[0]).toMatchObject({ sent: 2, total: 2 });

      const mails = await db.outboxMessage.findMany({ where: { to: { in: [a, b, revoked] }, subject: { startsWith: "New version" } } });
      expect(mails.map((m) => m.to).sort()).toEqual([a, b].sort());
      for (const m of mails) {
        expect(m.subject).toBe("New version of kit: 1.0.1");
        expect(m.from).toBe(`"${org.name}" <no-reply@localhost>`);
        expect(m.text).toContain("http://localhost:3000/my");
        expect(m.html).toContain('href="http://localhost:3000/my"');
      }
    },
  );

  it("sends nothing unless asked", async () => {
    const { token, product } = await sellerWithBuyers([buyer()]);
    expect((await activateWith(token)).status).toBe(200);
    expect(await noticeProgress(product.id)).toEqual([]);
  });
});

describe("events from the catalogue", () => {
  it(
    "version.activated and download.completed (first counted download of a file only) reach a subscribed endpoint",
    { timeout: 90_000 },
    async () => {
      const r = await startReceiver();
      try {
        const email = buyer();
        const { token } = await sellerWithBuyers([]);
        const hook = await call(createWebhook, "/api/webhooks", {
          method: "POST",
          token,
          body: { url: r.url, events: ["version.activated", "download.completed"] },
        });
        expect((await activateWith(token)).status).toBe(200);
        const minted = await mint(token, { productId: "kit", version: "1.0.1", email });
        expect(minted.status).toBe(201);
        const url = new URL(minted.body.url);
        const page = await get(downloadPage, url.pathname + url.search);
        const href = (await page.text()).match(/href="(\/download\/file\?[^"]+)"/)![1].replace(/&#38;/g, "&");
        for (let i = 0; i < 2; i++) {
          const file = await get(downloadFile, href);
          expect(file.status).toBe(200);
          await file.arrayBuffer();
        }
        await deliverDue({ endpointIds: [hook.body.id] });
        const msgs = r.received.map(
          (x) => new Webhook(hook.body.secret).verify(x.body, x.headers as Record<string, string>) as Record<string, never>,
        );
        expect(msgs.map((m) => m.type).sort()).toEqual(["download.completed", "version.activated"]);
        expect(msgs.find((m) => m.type === "version.activated")!.data).toMatchObject({
          productId: "kit",
          version: "1.0.1",
          previousVersion: "1.0.0",
        });
        const dl = msgs.find((m) => m.type === "download.completed")!.data as Record<string, unknown>;
        expect(dl).toMatchObject({ email, productId: "kit", version: "1.0.1", file: { name: "Kit.zip", size: 1000 } });
        expect(JSON.stringify(dl)).not.toContain(minted.body.token);
      } finally {
        await r.close();
      }
    },
  );
});
