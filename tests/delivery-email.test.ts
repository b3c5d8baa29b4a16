import { randomBytes } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { POST as purchasesPost } from "@/app/api/purchases/route";
import { GET as downloadPage } from "@/app/download/route";
import { GET as downloadFile } from "@/app/download/file/route";
import { db } from "@/lib/db/client";
import { useRateLimiter } from "@/lib/ratelimit/limiter";
import { MemoryRateLimiter } from "@/lib/ratelimit/memory";
import { setDeliveryMessage } from "@/lib/purchases/delivery";
import { actorFor, createOrgWith, unique } from "./fixtures";
import { call, expectProblem } from "./api/client";
import { activate, draftWith, get, newProduct, sha } from "./support/products";

beforeEach(() => useRateLimiter(new MemoryRateLimiter()));
afterEach(() => vi.unstubAllEnvs());

const buyer = () => `${unique("buyer")}@example.com`.toLowerCase();
const outbox = (to: string) => db.outboxMessage.findMany({ where: { to }, orderBy: { createdAt: "asc" } });
const buy = (token: string, body: Record<string, unknown>) => call(purchasesPost, "/api/purchases", { method: "POST", token, body });

/** An organisation selling "kit" 1.0.0 (one file, active) through an API key. */
async function seller(productName?: string) {
  const bytes = randomBytes(50_000);
  const ctx = await draftWith({ "Kit.zip": bytes });
  if (productName) await db.product.update({ where: { orgId_slug: { orgId: ctx.org.id, slug: "kit" } }, data: { name: productName } });
  expect((await activate(ctx.token, "kit", "1.0.0")).status).toBe(200);
  return { ...ctx, bytes };
}

/** Follows the mail's download link through the download routes to the file's bytes. */
async function fetchThroughLink(link: string) {
  const url = new URL(link);
  const page = await get(downloadPage, url.pathname + url.search);
  expect(page.status).toBe(200);
  const href = (await page.text()).match(/href="(\/download\/file\?[^"]+)"/)![1].replace(/&#38;/g, "&");
  const file = await get(downloadFile, href);
  expect(file.status).toBe(200);
  return Buffer.from(await file.arrayBuffer());
}

describe("POST /api/purchases with sendEmail", () => {
  it("emails the buyer once: product, seller, a working 24-hour link and /my, in text and HTML", async () => {
    const { org, token, bytes } = await seller("Epic Drum Kit");
    const to = buyer();
    const res = await buy(token, { email: to, productId: "kit", externalId: "order_1", sendEmail: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: to, productId: "kit", emailSent: true, emailReason: null });

    const [mail, ...more] = await outbox(to);
    expect(more).toHaveLength(0);
    expect(mail.subject).toBe("Your download: Epic Drum Kit");
    expect(mail.from).toBe(`"${org.name}" <no-reply@localhost>`);
    for (const part of [mail.text, mail.html]) {
      expect(part).toContain("Epic Drum Kit");
      expect(part).toContain(org.name);
      expect(part).toContain("http://localhost:3000/my");
    }
    const link = mail.text.match(/http:\/\/localhost:3000\/download\?token=\S+/)![0];
    expect(mail.html).toContain(`href="${link}"`);
    expect(sha(await fetchThroughLink(link))).toBe(sha(bytes));
    const minted = await db.downloadToken.findFirstOrThrow({ where: { orgId: org.id, source: "email" } });
    expect(minted.customerEmail).toBe(to);
    expect(minted.expiresAt.getTime() - minted.createdAt.getTime()).toBeCloseTo(24 * 3_600_000, -4);

    // Stripe-style retry with the same order id: the same purchase, no second mail.
    const replay = await buy(token, { email: to, productId: "kit", externalId: "order_1", sendEmail: true });
    expect(replay.status).toBe(200);
    expect(replay.body).toMatchObject({ id: res.body.id, emailSent: false });
    expect(replay.body.emailReason).toMatch(/already existed/);
    expect(await outbox(to)).toHaveLength(1);
    expect(await db.downloadToken.count({ where: { orgId: org.id, source: "email" } })).toBe(1);
  });

  it("sends nothing unless asked (sendEmail absent or false)", async () => {
    const { token } = await seller();
    const to = buyer();
    const res = await buy(token, { email: to, productId: "kit" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ emailSent: false, emailReason: null });
    expect((await buy(token, { email: to, productId: "kit", sendEmail: false })).body.emailSent).toBe(false);
    expect(await outbox(to)).toHaveLength(0);
  });

  it("refuses a sendEmail that is not a boolean, writing nothing", async () => {
    const { org, token } = await seller();
    const to = buyer();
    const res = await buy(token, { email: to, productId: "kit", sendEmail: "yes" });
    expectProblem(res, 422, "VALIDATION_FAILED");
    expect(res.body.errors.sendEmail).toBeDefined();
    expect(await db.purchase.count({ where: { orgId: org.id, email: to } })).toBe(0);
  });

  it("shows the seller's message in both parts, and escapes the HTML part", async () => {
    const { org, owner, token } = await seller(`<b>&"Kit`);
    await setDeliveryMessage(actorFor(owner), org.id, { deliveryMessage: "Thanks! <script>x</script>\nReply if anything breaks." });
    const to = buyer();
    expect((await buy(token, { email: to, productId: "kit", sendEmail: true })).body.emailSent).toBe(true);
    const [mail] = await outbox(to);
    expect(mail.text).toContain(`<b>&"Kit`);
    expect(mail.text).toContain("Thanks! <script>x</script>\nReply if anything breaks.");
    expect(mail.html).toContain("&#60;b&#62;&#38;&#34;Kit");
    expect(mail.html).not.toContain("<b>&");
    expect(mail.html).toContain("Thanks! &#60;script&#62;x&#60;/script&#62;");
    expect(mail.html).not.toContain("<script>");
  });

  it("records the purchase but says why no mail went when the product has no ready active version", async () => {
    const { org, owner } = await createOrgWith();
    const { token } = await (await import("./fixtures")).personalKey(org.id, owner);
    expect((await newProduct(token, "empty")).status).toBe(201);
    const to = buyer();
    const res = await buy(token, { email: to, productId: "empty", sendEmail: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ emailSent: false });
    expect(res.body.emailReason).toMatch(/no active version/);
    expect(await db.purchase.count({ where: { orgId: org.id, email: to } })).toBe(1);
    expect(await outbox(to)).toHaveLength(0);
  });

  it("keeps the purchase and reports emailSent false when the mail server is down", async () => {
    const { org, token } = await seller();
    vi.stubEnv("SMTP_URL", "smtp://127.0.0.1:1");
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const to = buyer();
    const res = await buy(token, { email: to, productId: "kit", sendEmail: true });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ emailSent: false });
    expect(res.body.emailReason).toMatch(/could not be sent/);
    expect(await db.purchase.count({ where: { orgId: org.id, email: to } })).toBe(1);
    expect(errors.mock.calls.flat().join(" ")).not.toMatch(/token=|download\?/);
    errors.mockRestore();
  });

  it("never prints the token or link in production", async () => {
    const { token } = await seller();
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("MAIL_OUTBOX", "1");
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) => vi.spyOn(console, m).mockImplementation(() => {}));
    const to = buyer();
    let printed = "";
    try {
      expect((await buy(token, { email: to, productId: "kit", sendEmail: true })).body.emailSent).toBe(true);
    } finally {
      printed = spies.flatMap((s) => s.mock.calls.flat().map(String)).join("\n");
      spies.forEach((s) => s.mockRestore());
    }
    const [mail] = await outbox(to);
    const plain = new URL(mail.text.match(/http:\/\/localhost:3000\/download\?token=\S+/)![0]).searchParams.get("token")!;
    expect(printed).toContain(to); // the outbox line was written…
    expect(printed).not.toContain(plain); // …without the token
    expect(printed).not.toContain("/download");
  });
});

describe("setDeliveryMessage", () => {
  it("allows owners and admins, at most 500 characters; empty clears it", async () => {
    const { org, owner, others } = await createOrgWith(["admin", "member"]);
    await expect(setDeliveryMessage(actorFor(owner), org.id, { deliveryMessage: "x".repeat(501) })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
    });
    await setDeliveryMessage(actorFor(others[0]), org.id, { deliveryMessage: "  Hello  " });
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).deliveryMessage).toBe("Hello");
    await expect(setDeliveryMessage(actorFor(others[1]), org.id, { deliveryMessage: "Hi" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await setDeliveryMessage(actorFor(owner), org.id, { deliveryMessage: "" });
    expect((await db.organization.findUniqueOrThrow({ where: { id: org.id } })).deliveryMessage).toBeNull();
  });
});
