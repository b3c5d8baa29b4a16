import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, test } from "./fixtures";
import { signIn, signUpWithOrg, uniqueEmail } from "./helpers";

test("create a product, upload a file with progress, activate, hand a token to a customer who downloads it, and re-mint it at /my", async ({
  page,
  browser,
}) => {
  const orgPath = await signUpWithOrg(page, "Sample Shop");
  await page.getByRole("link", { name: "Products" }).first().click();
  await page.getByLabel("Name").fill("Epic Drum Kit Vol. 1");
  await page.getByLabel("Product id").fill("epic-drums-v1");
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page).toHaveURL(`${orgPath}/products/epic-drums-v1`);

  await page.getByLabel("Version").fill("1.0.0");
  await page.getByRole("button", { name: "Add version" }).click();
  await expect(page.getByRole("heading", { name: "Version 1.0.0" })).toBeVisible();

  const bytes = randomBytes(3 * 1024 * 1024);
  const sha = createHash("sha256").update(bytes).digest("hex");
  await page.getByTestId("file-input").setInputFiles({ name: "Epic Drums.zip", mimeType: "application/zip", buffer: bytes });
  const item = page.getByTestId("upload-item").filter({ hasText: "Epic Drums.zip" });
  await expect(item.getByRole("progressbar")).toBeVisible();
  await expect(item.getByText("Uploaded")).toBeVisible();
  await expect(page.getByTestId("file-row").filter({ hasText: "Epic Drums.zip" })).toContainText(sha.slice(0, 12));

  // A draft version's file can be deleted, confirmed in the dialog (its name, with "%", is decoded once on the way in).
  await page.getByTestId("file-input").setInputFiles({ name: "50% notes.txt", mimeType: "text/plain", buffer: Buffer.from("draft notes") });
  await expect(page.getByTestId("file-row").filter({ hasText: "50% notes.txt" })).toBeVisible();
  await page.getByRole("button", { name: "Delete 50% notes.txt" }).click();
  await page.getByRole("alertdialog", { name: "Delete 50% notes.txt?" }).getByRole("button", { name: "Delete file" }).click();
  await expect(page.getByTestId("file-row").filter({ hasText: "50% notes.txt" })).toHaveCount(0);

  await page.getByRole("button", { name: "Set active" }).click();
  await expect(page.getByTestId("version-1.0.0").getByText("active", { exact: true })).toBeVisible();
  // Released: its files are final, so no delete buttons and no uploader.
  await expect(page.getByRole("button", { name: /^Delete / })).toHaveCount(0);
  await expect(page.getByTestId("file-input")).toHaveCount(0);

  const buyer = uniqueEmail("buyer");
  await page.getByRole("button", { name: "Generate Download Token" }).click();
  await page.getByLabel("Customer email").fill(buyer);
  await page.getByLabel("Download limit").fill("3");
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  const url = await page.getByTestId("minted-url").inputValue();
  expect(url).toMatch(/\/download\?token=ct_/);

  const customer = await (await browser.newContext()).newPage();
  await customer.goto(url);
  await expect(customer.getByRole("heading", { name: "Epic Drum Kit Vol. 1" })).toBeVisible();
  await expect(customer.getByText("3 downloads left")).toBeVisible();
  await expect(customer.getByTestId("seller")).toHaveText("Sample Shop");
  const [download] = await Promise.all([customer.waitForEvent("download"), customer.getByRole("link", { name: "Download" }).click()]);
  expect(download.suggestedFilename()).toBe("Epic Drums.zip");
  expect(
    createHash("sha256")
      .update(readFileSync((await download.path())!))
      .digest("hex"),
  ).toBe(sha);

  // A buyer with no organisation who signs in from the plain sign-in page lands on their purchases.
  await signIn(customer, buyer);
  await expect(customer).toHaveURL(/\/my$/);
  await expect(customer.getByRole("heading", { name: "Your purchases" })).toBeVisible();
  await expect(customer.getByRole("link", { name: "Create an organisation" })).toBeVisible();
  const purchase = customer.getByTestId("purchase").filter({ hasText: "Epic Drum Kit Vol. 1" });
  const [again] = await Promise.all([
    customer.waitForEvent("download"),
    purchase.getByRole("link", { name: /^Download Epic Drums/ }).click(),
  ]);
  expect(again.suggestedFilename()).toBe("Epic Drums.zip");

  await page.goto(`${orgPath}/downloads`);
  const row = page.getByTestId("token-row").filter({ hasText: buyer }).filter({ hasText: "1 (limit 3 per file)" });
  await expect(row).toBeVisible();

  // Revoking asks first, in the app's dialog, naming the token; Cancel keeps it, confirming revokes it.
  await row.getByRole("button", { name: /^Revoke/ }).click();
  const dialog = page.getByRole("alertdialog");
  await expect(dialog).toContainText(`Revoke the download token for Epic Drum Kit Vol. 1 v1.0.0 (${buyer})?`);
  await expect(dialog.getByRole("button", { name: "Cancel" })).toBeFocused();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(row).toHaveAttribute("data-status", "live");
  await expect(row).toContainText("Live");
  await row.getByRole("button", { name: /^Revoke/ }).click();
  await dialog.getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toHaveAttribute("data-status", "revoked");
  await expect(row).toContainText("Revoked");
  await customer.goto(url);
  await expect(customer.getByRole("heading", { name: "This link was revoked" })).toBeVisible();

  // The seller switches between the dashboard and their own purchases.
  await page.getByRole("link", { name: "Your purchases" }).first().click();
  await expect(page.getByRole("heading", { name: "Your purchases" })).toBeVisible();
  await page.getByRole("link", { name: "Seller dashboard" }).click();
  await expect(page).toHaveURL(new RegExp(`${orgPath}$`));

  // The buyer signs out from /my and is signed out for real.
  await customer.goto("/my");
  await customer.getByRole("button", { name: "Sign out" }).click();
  await expect(customer).toHaveURL(/\/$/);
  await customer.goto("/my");
  await expect(customer).toHaveURL(/\/signin/);
});
