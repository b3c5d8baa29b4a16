import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { linkFromOutbox, signIn, uniqueEmail } from "./helpers";
import { seedShop, type Shop } from "./seed";

type Role = "owner" | "member" | "buyer";

interface Ctx {
  orgPath: string;
  productId: string;
  downloadUrl: string;
}

interface PageSpec {
  name: string;
  /** Who walks this page. */
  roles: Role[];
  path: (c: Ctx) => string;
  /** Brings the page into the state to check (e.g. a dialog open). */
  open?: (page: Page) => Promise<void>;
}

const DASHBOARD: Role[] = ["owner", "member"];

/**
 * Every page, for whom. Add a page here and the walk checks it for each role, at each width and
 * colour scheme. Members see "no access" pages under settings: those are checked too.
 */
export const PAGES: PageSpec[] = [
  { name: "overview", roles: DASHBOARD, path: (c) => c.orgPath },
  { name: "overview-30d", roles: ["owner"], path: (c) => `${c.orgPath}?period=30d` },
  { name: "products", roles: DASHBOARD, path: (c) => `${c.orgPath}/products` },
  { name: "product", roles: DASHBOARD, path: (c) => `${c.orgPath}/products/${c.productId}` },
  {
    name: "product-token-dialog",
    roles: ["owner"],
    path: (c) => `${c.orgPath}/products/${c.productId}`,
    open: async (page) => {
      await page.getByRole("button", { name: "Generate Download Token" }).click();
      await expect(page.getByRole("dialog")).toBeVisible();
    },
  },
  { name: "download-tokens", roles: DASHBOARD, path: (c) => `${c.orgPath}/downloads` },
  { name: "purchases", roles: DASHBOARD, path: (c) => `${c.orgPath}/purchases` },
  { name: "requests", roles: DASHBOARD, path: (c) => `${c.orgPath}/requests` },
  { name: "api-key", roles: DASHBOARD, path: (c) => `${c.orgPath}/settings/api-key` },
  { name: "api-keys", roles: DASHBOARD, path: (c) => `${c.orgPath}/settings/api-keys` },
  {
    name: "api-keys-confirm-dialog",
    roles: ["owner"],
    path: (c) => `${c.orgPath}/settings/api-keys`,
    open: async (page) => {
      await page
        .getByTestId("key-row")
        .first()
        .getByRole("button", { name: /^Disable/ })
        .click();
      await expect(page.getByRole("alertdialog")).toBeVisible();
    },
  },
  { name: "oauth-apps", roles: DASHBOARD, path: (c) => `${c.orgPath}/settings/oauth-apps` },
  { name: "organisation", roles: DASHBOARD, path: (c) => `${c.orgPath}/settings/organization` },
  { name: "webhooks", roles: DASHBOARD, path: (c) => `${c.orgPath}/settings/webhooks` },
  { name: "integrations", roles: DASHBOARD, path: (c) => `${c.orgPath}/settings/integrations` },
  { name: "stripe", roles: DASHBOARD, path: (c) => `${c.orgPath}/settings/integrations/stripe` },
  { name: "members", roles: DASHBOARD, path: (c) => `${c.orgPath}/settings/members` },
  { name: "audit", roles: DASHBOARD, path: (c) => `${c.orgPath}/settings/audit` },
  { name: "new-org", roles: ["owner", "buyer"], path: () => "/orgs/new" },
  { name: "my", roles: ["owner", "buyer"], path: () => "/my" },
  { name: "download", roles: ["buyer"], path: (c) => c.downloadUrl },
  { name: "not-found", roles: ["buyer"], path: () => "/no-such-page" },
];

/** Pages seen signed out (checked once, in a fresh context). */
const PUBLIC_PAGES = ["/signin", "/signin/verify", "/signin/error?error=Verification"];

const WIDTHS = [1440, 390];
/** Narrow a run while working on one part (the full walk is the default): A11Y_ROLES=owner,buyer. */
const ROLES = (process.env.A11Y_ROLES ?? "owner,member,buyer").split(",");
/** A11Y_SHOTS=1 keeps a full-page screenshot of every state checked, to look at. */
const SHOTS_ON = process.env.A11Y_SHOTS === "1";
const SCHEMES = (process.env.A11Y_SCHEMES ?? "light,dark").split(",") as ("light" | "dark")[];
const SHOTS = "test-results/a11y";

async function violations(page: Page, label: string): Promise<string[]> {
  const result = await new AxeBuilder({ page }).withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"]).analyze();
  return result.violations
    .filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${label}: [${v.impact}] ${v.id} — ${v.help} — ${v.nodes.map((n) => n.target.join(" ")).join(" | ")}`);
}

/** Both colour schemes at once, each in its own context: axe's analysis, not the app, is the slow part of the walk. */
async function walk(browser: Browser, role: Role, login: (page: Page) => Promise<void>, ctx: Ctx): Promise<string[]> {
  if (!ROLES.includes(role)) return [];
  const perScheme = await Promise.all(SCHEMES.map((scheme) => walkScheme(browser, role, scheme, login, ctx)));
  return perScheme.flat();
}

async function walkScheme(
  browser: Browser,
  role: Role,
  scheme: "light" | "dark",
  login: (page: Page) => Promise<void>,
  ctx: Ctx,
): Promise<string[]> {
  const found: string[] = [];
  const context = await browser.newContext({ colorScheme: scheme });
  const page = await context.newPage();
  await login(page);
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: width > 800 ? 900 : 844 });
    for (const spec of PAGES.filter((p) => p.roles.includes(role))) {
      const label = `${role} ${spec.name} ${width}px ${scheme}`;
      await page.goto(spec.path(ctx));
      if (spec.open) await spec.open(page);
      if (SHOTS_ON) await page.screenshot({ path: `${SHOTS}/${role}-${spec.name}-${width}-${scheme}.png`, fullPage: true });
      found.push(...(await violations(page, label)));
    }
  }
  await context.close();
  return found;
}

test("owner, member and buyer: every page at 1440 and 390 px, light and dark, has no serious or critical axe violations", async ({
  browser,
  request,
}) => {
  test.setTimeout(1_800_000);
  mkdirSync(SHOTS, { recursive: true });
  const shop: Shop = await seedShop(browser, request, "Axe Shop");
  const minted = await request.post("/api/generate-download-url", {
    headers: { Authorization: `Bearer ${shop.key}` },
    data: { productId: shop.product.id, version: "1.0.0", maxDownloads: 3 },
  });
  expect(minted.status()).toBe(201);
  const url = new URL((await minted.json()).url);
  const ctx: Ctx = { orgPath: shop.orgPath, productId: shop.product.id, downloadUrl: `${url.pathname}${url.search}` };

  // The owner's session cookie, reused for each context of the walk.
  const ownerState = await shop.owner.context().storageState();
  const memberEmail = uniqueEmail("member");
  await shop.owner.goto(`${shop.orgPath}/settings/members`);
  await shop.owner.getByLabel("Email").fill(memberEmail);
  await shop.owner.getByRole("button", { name: "Send invite" }).click();
  const member = await (await browser.newContext()).newPage();
  await signIn(member, memberEmail);
  await member.goto(await linkFromOutbox(member, memberEmail, /invited you/));
  await member.getByRole("button", { name: "Accept invitation" }).click();
  await expect(member).toHaveURL(new RegExp(`${shop.orgPath}$`));
  const memberState = await member.context().storageState();
  const buyer = await (await browser.newContext()).newPage();
  await signIn(buyer, shop.buyerEmail);
  await expect(buyer).toHaveURL(/\/my$/);
  const buyerState = await buyer.context().storageState();

  const withState = (state: Awaited<ReturnType<BrowserContext["storageState"]>>) => async (page: Page) => {
    await page.context().addCookies(state.cookies);
  };
  const found = [
    ...(await walk(browser, "owner", withState(ownerState), ctx)),
    ...(await walk(browser, "member", withState(memberState), ctx)),
    ...(await walk(browser, "buyer", withState(buyerState), ctx)),
  ];
  for (const scheme of SCHEMES) {
    const page = await (await browser.newContext({ colorScheme: scheme })).newPage();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 844 });
      for (const path of PUBLIC_PAGES) {
        await page.goto(path);
        found.push(...(await violations(page, `public ${path} ${width}px ${scheme}`)));
      }
    }
  }
  expect(found, found.join("\n")).toEqual([]);
});
