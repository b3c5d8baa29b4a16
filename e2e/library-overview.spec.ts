import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";
import { buyerPage, seedShop } from "./seed";
import { unzip } from "./unzip";

test("a buyer's library: one-click download and 'Download all' as a zip; the overview and the key's usage count what happened", async ({
  browser,
  request,
}) => {
  test.setTimeout(240_000);
  const shop = await seedShop(browser, request, "Library Shop");
  const [kick, readme] = shop.files;

  const buyer = await buyerPage(browser, shop.buyerEmail);
  await test.step("the buyer signs in and lands on their library, with the seller's name and the files", async () => {
    await expect(buyer).toHaveURL(/\/my$/);
    const purchase = buyer.getByTestId("purchase").filter({ hasText: shop.product.name });
    await expect(purchase.getByTestId("seller")).toHaveText("Library Shop");
    await expect(purchase.getByTestId("library-file")).toHaveText([/kick\.wav/, /readme\.txt/]);
  });

  await test.step("one click downloads a file, byte for byte", async () => {
    const purchase = buyer.getByTestId("purchase").filter({ hasText: shop.product.name });
    const [download] = await Promise.all([
      buyer.waitForEvent("download"),
      purchase.getByRole("link", { name: "Download kick.wav" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe("kick.wav");
    expect(readFileSync((await download.path())!).equals(kick.bytes)).toBe(true);
  });

  await test.step("'Download all' is one zip whose entries are the files", async () => {
    const purchase = buyer.getByTestId("purchase").filter({ hasText: shop.product.name });
    const [download] = await Promise.all([buyer.waitForEvent("download"), purchase.getByRole("link", { name: /^Download all/ }).click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const entries = unzip(readFileSync((await download.path())!));
    expect([...entries.keys()].sort()).toEqual(["kick.wav", "readme.txt"]);
    expect(entries.get("kick.wav")!.equals(kick.bytes)).toBe(true);
    expect(entries.get("readme.txt")!.equals(readme.bytes)).toBe(true);
  });

  await test.step("a signed-out visitor cannot use a library link", async () => {
    const href = await buyer.getByRole("link", { name: "Download kick.wav" }).getAttribute("href");
    const res = await request.get(href!, { maxRedirects: 0 });
    expect(res.status()).toBe(303);
    expect(res.headers().location).toContain("/signin");
  });

  const { owner, orgPath, calls } = shop;
  const totalCalls = calls["2xx"] + calls["4xx"] + calls["429"] + calls["5xx"];
  await test.step("the overview's figures are what the test did: 1 purchase, 3 downloads (1 + a zip of 2), its API calls", async () => {
    await expect(async () => {
      await owner.goto(orgPath);
      await expect(owner.getByTestId("figure-purchases")).toHaveAttribute("data-value", "1");
      await expect(owner.getByTestId("figure-downloads")).toHaveAttribute("data-value", "3");
      await expect(owner.getByTestId("figure-calls")).toHaveAttribute("data-value", String(totalCalls));
      await expect(owner.getByTestId("figure-calls-4xx")).toHaveAttribute("data-value", String(calls["4xx"]));
      await expect(owner.getByTestId("figure-calls-2xx")).toHaveAttribute("data-value", String(calls["2xx"]));
    }).toPass({ timeout: 15_000 });
    for (const step of ["product", "file", "key", "call", "download"])
      await expect(owner.getByTestId(`step-${step}`)).toHaveAttribute("data-done", "true");
    await expect(owner.getByTestId("step-team")).toHaveAttribute("data-done", "false");
    await owner.getByRole("link", { name: "Last 30 days" }).click();
    await expect(owner).toHaveURL(/period=30d/);
    await expect(owner.getByTestId("figure-downloads")).toHaveAttribute("data-value", "3");
    await expect(
      owner
        .getByRole("img", { name: /API calls per day by outcome, last 30 days/ })
        .locator("svg")
        .first(),
    ).toBeVisible();
  });

  await test.step("the key's usage chart counts the test's calls and links to exactly those requests", async () => {
    await owner.goto(`${orgPath}/settings/api-keys`);
    const usage = owner.getByTestId("key-row").first().getByTestId("key-usage");
    await expect(usage).toHaveAttribute("data-total", String(totalCalls));
    await expect(usage).toContainText(`${calls["2xx"]} 2xx · ${calls["4xx"]} 4xx · 0 429 · 0 5xx`);
    await expect(usage.getByRole("img")).toBeVisible();
    await usage.getByRole("link", { name: "View requests" }).click();
    await expect(owner).toHaveURL(/\/requests\?key=/);
    await expect(owner.getByTestId("request-row")).toHaveCount(totalCalls);
  });
});
