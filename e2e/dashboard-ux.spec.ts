import { readFile } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { linkFromOutbox, productWithFile, signUpWithOrg, uniqueEmail } from "./helpers";
import type { Page } from "@playwright/test";

const toast = (page: Page, text: string | RegExp) => page.getByTestId("toast").filter({ hasText: text });

test.describe("desktop (1440 px)", () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  test("forms keep values after a server error; token dialog, purchases picker + CSV, token filters, audit filters", async ({
    page,
    context,
  }) => {
    test.setTimeout(300_000); // one seller's whole afternoon, step by step
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const orgPath = await signUpWithOrg(page, "UX Shop");
    await productWithFile(page, orgPath, "Drum Kit", "ux-kit");

    await test.step("a taken product id: the form keeps what was typed and says it once", async () => {
      await page.goto(`${orgPath}/products`);
      await page.getByLabel("Name").fill("Second Kit");
      await page.getByLabel("Product id").fill("ux-kit");
      await page.getByRole("button", { name: "Create product" }).click();
      await expect(page.getByText("Already taken in this organisation.")).toHaveCount(1);
      await expect(page.getByText(/already exists/)).toHaveCount(0);
      await expect(page.getByLabel("Name")).toHaveValue("Second Kit");
      await expect(page.getByLabel("Product id")).toHaveValue("ux-kit");
      await expect(page.getByLabel("Product id")).toHaveAttribute("aria-invalid", "true");
      await page.screenshot({ path: "test-results/ux-form-error-1440.png", fullPage: true });
    });

    await test.step("Generate Download Token keeps its fields, shows what was used, Copy toasts", async () => {
      await page.goto(`${orgPath}/products/ux-kit`);
      await page.getByRole("button", { name: "Generate Download Token" }).click();
      const dialog = page.getByRole("dialog", { name: /Generate a download token/ });
      await dialog.getByLabel("Expires after (hours)").fill("48");
      await dialog.getByLabel("Download limit").fill("3");
      await dialog.getByLabel("Customer email").fill("ada@example.com");
      await dialog.getByLabel("Customer name").fill("Ada Lovelace");
      await dialog.getByLabel("Note").fill("Conference gift");
      await dialog.getByLabel(/Email the buyer/).uncheck();
      await dialog.getByRole("button", { name: "Generate", exact: true }).click();
      const result = dialog.getByTestId("minted-result");
      await expect(result).toContainText("3 per file");
      await expect(result).toContainText("Ada Lovelace · ada@example.com");
      await expect(result).toContainText("Conference gift");
      await expect(dialog.getByLabel("Download limit")).toHaveValue("3");
      await expect(dialog.getByLabel("Customer name")).toHaveValue("Ada Lovelace");
      await expect(dialog.getByLabel("Expires after (hours)")).toHaveValue("48");
      await expect(toast(page, "Download token generated")).toBeVisible();
      await dialog.getByRole("button", { name: "Copy URL" }).click();
      await expect(toast(page, "Download URL copied")).toBeVisible();
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(await dialog.getByTestId("minted-url").inputValue());
      await page.screenshot({ path: "test-results/ux-token-dialog-1440.png" });
      await dialog.getByRole("button", { name: "Close" }).click();
      const popup = page.waitForEvent("popup");
      await page.getByRole("button", { name: "Test Download" }).click();
      await (await popup).close();
    });

    await test.step("purchases: a picker; a rejected add keeps the email; CSV export of the filtered list", async () => {
      await page.goto(`${orgPath}/products`);
      await page.getByLabel("Name").fill('=SUM(A1) "Pro", kit');
      await page.getByLabel("Product id").fill("ux-pro");
      await page.getByRole("button", { name: "Create product" }).click();
      await expect(page).toHaveURL(`${orgPath}/products/ux-pro`);

      await page.goto(`${orgPath}/purchases`);
      const picker = page.getByLabel("Product", { exact: true });
      await expect(picker.locator("option", { hasText: "Drum Kit" })).toHaveCount(1);
      // The product went away between loading the page and submitting: the server says so, the form keeps the email.
      await picker.evaluate((el: HTMLSelectElement) => el.add(new Option("Gone", "gone-kit")));
      await page.getByLabel("Buyer email").fill("keep-me@example.com");
      await picker.selectOption("gone-kit");
      await page.getByLabel("Email the buyer").uncheck();
      await page.getByRole("button", { name: "Add", exact: true }).click();
      await expect(page.getByRole("alert").filter({ hasText: "Product not found." })).toHaveCount(1);
      await expect(page.getByLabel("Buyer email")).toHaveValue("keep-me@example.com");
      await expect(page.getByLabel("Email the buyer")).not.toBeChecked();

      await page.getByLabel("Buyer email").fill("csv-buyer@example.com");
      await picker.selectOption("ux-pro");
      await page.getByRole("button", { name: "Add", exact: true }).click();
      await expect(toast(page, "Purchase added")).toBeVisible();
      await expect(page.getByLabel("Buyer email")).toHaveValue("");

      await page.getByLabel("Search by email").fill("csv-buy");
      await page.getByRole("button", { name: "Search" }).click();
      const download = page.waitForEvent("download");
      await page.getByRole("link", { name: "Export CSV (filtered)" }).click();
      const csv = await readFile((await (await download).path())!, "utf8");
      const lines = csv.trimEnd().split("\r\n");
      expect(lines[0]).toBe("id,email,product_id,product_name,source,external_id,created_at,revoked_at");
      expect(lines).toHaveLength(2);
      expect(lines[1]).toContain(`,csv-buyer@example.com,ux-pro,"'=SUM(A1) ""Pro"", kit",dashboard,,`);
      await page.screenshot({ path: "test-results/ux-purchases-1440.png", fullPage: true });
    });

    await test.step("download tokens: filters, badges, customer name and note", async () => {
      await page.goto(`${orgPath}/downloads`);
      const rows = page.getByTestId("token-row");
      await expect(rows).toHaveCount(2); // the dialog's and the test download's
      const dialogToken = rows.filter({ hasText: "Ada Lovelace" });
      await expect(dialogToken.getByTestId("token-note")).toHaveText("Note: Conference gift");
      await dialogToken.getByRole("button", { name: /Revoke token/ }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Revoke token" }).click();
      await expect(toast(page, "Download token revoked")).toBeVisible();
      await expect(dialogToken.getByText("Revoked", { exact: true })).toBeVisible();

      await page.getByLabel("Status").selectOption("revoked");
      await page.getByRole("button", { name: "Filter" }).click();
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toHaveAttribute("data-status", "revoked");
      await page.getByLabel("Status").selectOption("live");
      await page.getByLabel("Source").selectOption("test");
      await page.getByRole("button", { name: "Filter" }).click();
      await expect(rows).toHaveCount(1);
      await expect(rows.first()).toContainText("Test download");
      await page.getByRole("link", { name: "Clear" }).click();
      await expect(page).toHaveURL(`${orgPath}/downloads`);
      await expect(page.getByLabel("Source")).toHaveValue("");
      await page.getByLabel("Customer email").fill("ada@");
      await page.getByRole("button", { name: "Filter" }).click();
      await expect(rows).toHaveCount(1);
      await page.screenshot({ path: "test-results/ux-tokens-1440.png", fullPage: true });
    });

    await test.step("API key: read only by default; the Manage dialog keeps a rejected value, then saves", async () => {
      await page.goto(`${orgPath}/settings/api-keys`);
      await expect(page.getByRole("checkbox", { name: "Read — GET requests" })).toBeChecked();
      await expect(page.getByRole("checkbox", { name: "Write — create and change" })).not.toBeChecked();
      await page.getByRole("checkbox", { name: "Read — GET requests" }).uncheck();
      await page.getByLabel("Name").first().fill("CI");
      await page.getByRole("button", { name: "Create key" }).click();
      await expect(page.getByText("Choose at least one scope.")).toHaveCount(1);
      await expect(page.getByLabel("Name").first()).toHaveValue("CI");
      await page.getByRole("checkbox", { name: "Read — GET requests" }).check();
      await page.getByRole("button", { name: "Create key" }).click();
      await expect(page.getByTestId("revealed-key")).toBeVisible();
      const row = page.getByTestId("key-row").filter({ hasText: "CI" });
      await expect(row).toContainText("read");
      await row.getByRole("button", { name: "Manage CI" }).click();
      const dialog = page.getByTestId("key-details");
      await expect(dialog).toBeVisible();
      // The input only has min=1 (the browser blocks 0); above the server's maximum reaches the server and comes back rejected.
      await dialog.getByLabel("Requests per minute").fill("100001");
      await dialog.getByRole("button", { name: "Save" }).click();
      await expect(dialog.getByText("At most 100000 requests per minute.")).toHaveCount(1);
      await expect(dialog.getByLabel("Requests per minute")).toHaveValue("100001");
      await dialog.getByLabel("Name").fill("CI runner");
      await dialog.getByLabel("Requests per minute").fill("30");
      await dialog.getByRole("button", { name: "Save" }).click();
      await expect(toast(page, "Key settings saved")).toBeVisible();
      await page.screenshot({ path: "test-results/ux-key-dialog-1440.png" });
      await dialog.getByRole("button", { name: "Close" }).click();
      const runner = page.getByTestId("key-row").filter({ hasText: "CI runner" });
      await expect(runner).toContainText("30/min");

      // Scopes and expiry change in the same dialog: a day already over is refused under the field, keeping what was ticked.
      await runner.getByRole("button", { name: "Manage CI runner" }).click();
      await dialog.getByRole("checkbox", { name: "Write — create and change" }).check();
      await dialog.getByLabel("Expires on (UTC)").fill("2020-01-01");
      await dialog.getByRole("button", { name: "Save" }).click();
      await expect(dialog.getByText("The expiry must be in the future.")).toBeVisible();
      await expect(dialog.getByRole("checkbox", { name: "Write — create and change" })).toBeChecked();
      await dialog.getByLabel("Expires on (UTC)").fill("2030-06-30");
      await dialog.getByRole("button", { name: "Save" }).click();
      await expect(runner).toContainText("read, write");
      await expect(runner).toContainText("expires 2030-06-30 23:59 UTC");
      await expect(dialog.getByLabel("Expires on (UTC)")).toHaveValue("2030-06-30");
      await page.screenshot({ path: "test-results/ux-key-dialog-scopes-1440.png" });
      // "Never expires" clears the day; saving makes the key open-ended again.
      await dialog.getByRole("button", { name: "Never expires" }).click();
      await dialog.getByRole("button", { name: "Save" }).click();
      await expect(runner).not.toContainText("expires 2030");
      await dialog.getByRole("button", { name: "Close" }).click();
    });

    await test.step("audit log: catalogue, purchase and token events; filters by event, actor and date", async () => {
      await page.goto(`${orgPath}/settings/audit`);
      const rows = page.getByTestId("audit-row");
      for (const action of [
        "product.created",
        "version.created",
        "file.uploaded",
        "version.activated",
        "purchase.created",
        "token.created",
        "token.revoked",
      ])
        await expect(rows.filter({ has: page.getByText(action, { exact: true }) }).first()).toBeVisible();
      await expect(rows.filter({ hasText: "name: CI → CI runner" })).toContainText("name: CI → CI runner; rateLimitPerMinute: none → 30");
      await expect(rows.filter({ hasText: "scopes: read → read, write" })).toContainText(
        "scopes: read → read, write; expiresAt: none → 2030-06-30T23:59:59.999Z",
      );
      await expect(rows.filter({ hasText: "expiresAt: 2030-06-30T23:59:59.999Z → none" })).toHaveCount(1);
      await page.getByLabel("Event", { exact: true }).selectOption("token.");
      await page.getByRole("button", { name: "Filter" }).click();
      await expect(rows).toHaveCount(2);
      for (const r of await rows.all()) expect(await r.getAttribute("data-action")).toMatch(/^token\./);
      await page.getByLabel("Event", { exact: true }).selectOption("");
      const today = new Date().toISOString().slice(0, 10);
      await page.getByLabel("Who").selectOption({ index: 1 });
      await page.getByLabel("From (UTC)").fill(today);
      await page.getByLabel("To (UTC)").fill(today);
      await page.getByRole("button", { name: "Filter" }).click();
      expect(await rows.count()).toBeGreaterThan(5);
      await page.getByLabel("From (UTC)").fill("2099-01-01");
      await page.getByLabel("To (UTC)").fill("2099-01-02");
      await page.getByRole("button", { name: "Filter" }).click();
      await expect(page.getByText("No entries match these filters")).toBeVisible();
      await page.screenshot({ path: "test-results/ux-audit-1440.png", fullPage: true });
    });

    await test.step("members: resend and copy link for a pending invite; a sole owner is not offered Leave", async () => {
      await page.goto(`${orgPath}/settings/members`);
      await expect(page.getByTestId("member-row").getByRole("button", { name: "Leave" })).toHaveCount(0);
      await expect(page.getByText("You are the only owner")).toBeVisible();
      const invitee = uniqueEmail("invitee");
      await page.getByLabel("Email").fill(invitee);
      await page.getByRole("button", { name: "Send invite" }).click();
      await expect(toast(page, `Invitation sent to ${invitee}.`)).toBeVisible();
      const first = await linkFromOutbox(page, invitee, /invit/i);
      await page.goto(`${orgPath}/settings/members`);
      const invite = page.getByTestId("invite-row").filter({ hasText: invitee });
      await invite.getByRole("button", { name: `Resend the invitation to ${invitee}` }).click();
      await expect(toast(page, `Invitation sent again to ${invitee}.`)).toBeVisible();
      const second = await linkFromOutbox(page, invitee, /invit/i);
      expect(second).not.toBe(first);
      await page.goto(`${orgPath}/settings/members`);
      await invite.getByRole("button", { name: `Copy an invitation link for ${invitee}` }).click();
      await page.getByRole("alertdialog").getByRole("button", { name: "Make and copy link" }).click();
      await expect(toast(page, "Invitation link copied")).toBeVisible();
      const link = await invite.getByTestId("invite-link").inputValue();
      expect(link).toMatch(/\/invite\/[\w-]+$/);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);
      await page.screenshot({ path: "test-results/ux-members-1440.png", fullPage: true });
    });
  });
});

test.describe("phone (390 px)", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("request history: status visible, a tap opens the detail in a sheet; revoked and personal keys are named", async ({
    page,
    request,
  }) => {
    test.setTimeout(150_000);
    const orgPath = await signUpWithOrg(page, "Phone Co");
    await page.goto(`${orgPath}/settings/api-key`);
    await page.getByRole("button", { name: "Create key" }).click();
    const personal = await page.getByTestId("revealed-key").inputValue();
    await page.goto(`${orgPath}/settings/api-keys`);
    await page.getByLabel("Name").first().fill("Phone CI");
    await page.getByRole("button", { name: "Create key" }).click();
    const ci = await page.getByTestId("revealed-key").inputValue();
    expect((await request.get("/api/whoami", { headers: { Authorization: `Bearer ${personal}` } })).status()).toBe(200);
    expect((await request.get("/api/whoami", { headers: { Authorization: `Bearer ${ci}` } })).status()).toBe(200);
    const row = page.getByTestId("key-row").filter({ hasText: "Phone CI" });
    await row.getByRole("button", { name: "Revoke" }).click();
    await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
    await expect(row).toHaveCount(0);
    expect((await request.get("/api/whoami", { headers: { Authorization: `Bearer ${ci}` } })).status()).toBe(401);

    await page.goto(`${orgPath}/requests`);
    const rows = page.getByTestId("request-row");
    await expect(async () => {
      await page.reload();
      await expect(rows).toHaveCount(3);
    }).toPass({ timeout: 10_000 });
    const keyFilter = page.getByLabel("Key or OAuth client");
    await expect(keyFilter.locator("option", { hasText: /^Personal key · owner-/ })).toHaveCount(1);
    await expect(keyFilter.locator("option", { hasText: /Phone CI .* · revoked/ })).toHaveCount(1);

    // Every status badge is inside the 390 px viewport.
    for (const badge of await rows.locator("td:nth-child(2) span").all()) {
      const box = (await badge.boundingBox())!;
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await page.screenshot({ path: "test-results/ux-requests-390.png", fullPage: true });

    await page.mouse.wheel(0, 600);
    // The wheel's scroll lands after the call returns: wait for it before taking the position.
    await expect.poll(() => page.evaluate(() => window.scrollY)).toBeGreaterThan(0);
    const scrolled = await page.evaluate(() => window.scrollY);
    const unauthorized = rows.filter({ hasText: "401" });
    // The row's link covers the whole row: a tap on the status badge lands on it (force: the hit target is the link, by design).
    await unauthorized.getByText("401").click({ force: true });
    const sheet = page.getByTestId("request-sheet");
    await expect(sheet).toBeVisible();
    const box = (await sheet.boundingBox())!;
    expect(box.y).toBeLessThanOrEqual(1);
    expect(box.width).toBeLessThanOrEqual(390);
    expect(await page.evaluate(() => window.scrollY)).toBe(scrolled);
    await expect(sheet.getByTestId("request-detail")).toContainText(/Phone CI .* · revoked/);
    await page.screenshot({ path: "test-results/ux-request-sheet-390.png" });
    await sheet.getByRole("link", { name: "Close" }).click();
    await expect(sheet).toHaveCount(0);
  });
});
