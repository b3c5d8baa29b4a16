import { expect, test } from "./fixtures";
import { signUpWithOrg } from "./helpers";

test("/docs renders every operation of /api/openapi.json from the app alone, under the page CSP", async ({ page, baseURL }) => {
  const origin = new URL(baseURL!).origin;
  // As if offline: any request to another host fails, and is a failure of this test.
  const foreign: string[] = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(`${origin}/`) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    foreign.push(url);
    return route.abort("internetdisconnected");
  });

  const res = await page.goto("/docs");
  expect(res?.status()).toBe(200);
  const csp = res!.headers()["content-security-policy"];
  // The dashboard's policy, not a weaker one: scripts only with the nonce, style elements only 'self' or the nonce.
  expect(csp).toMatch(/script-src 'self' 'nonce-[^']+' 'strict-dynamic'/);
  expect(csp).toMatch(/style-src 'self' 'nonce-[^']+'/);
  expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);

  const doc = (await (await page.request.get("/api/openapi.json")).json()) as { paths: Record<string, Record<string, unknown>> };
  const operations = Object.entries(doc.paths).flatMap(([path, item]) =>
    Object.keys(item)
      .filter((m) => ["get", "post", "put", "patch", "delete"].includes(m))
      .map((m) => `/${m.toUpperCase()}${path}`),
  );
  expect(operations.length).toBeGreaterThan(25);
  const reference = page.locator("#reference");
  await expect(reference.locator('a[href$="/GET/api/whoami"]').first()).toBeVisible({ timeout: 30_000 });
  // Every documented operation has its entry in the reference's navigation (`#tag/<tag>/GET/api/whoami`).
  const hrefs = await reference.locator("a[href^='#']").evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
  expect(operations.filter((op) => !hrefs.some((href) => href.endsWith(op)))).toEqual([]);
  // Only the app's own reference: no second instance with Scalar's defaults and its hosted helpers.
  await expect(page.getByRole("complementary", { name: /^Sidebar for/ })).toHaveCount(1);
  await expect(page.getByRole("button", { name: /Ask AI|Generate SDK/ })).toHaveCount(0);

  // An operation opens with a curl example on this instance's real URL, not a placeholder or a relative path.
  await reference.locator('a[href$="/GET/api/whoami"]').first().click();
  await expect
    .poll(async () => (await reference.textContent()) ?? "", { timeout: 30_000 })
    .toMatch(new RegExp(`curl[^\\n]*${origin.replace(/[.]/g, "\\.")}/api/whoami`));
  expect(foreign).toEqual([]);
});

test("the sidebar and Settings → API Key link to /docs", async ({ page }) => {
  await signUpWithOrg(page, "Docs Co");
  await page.getByRole("link", { name: "API Key", exact: true }).first().click();
  await page.getByRole("main").getByRole("link", { name: "API reference" }).click();
  await expect(page).toHaveURL(/\/docs$/);
  await page.goBack();
  await page.getByRole("link", { name: "API reference" }).first().click();
  await expect(page).toHaveURL(/\/docs$/);
  await expect(page.locator('#reference a[href$="/GET/api/whoami"]').first()).toBeVisible({ timeout: 30_000 });
});
