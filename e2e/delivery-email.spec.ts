import { expect, test } from "./fixtures";
import { linkFromOutbox, productWithFile, signUpWithOrg, uniqueEmail } from "./helpers";

test("Add purchase with 'Email the buyer' ticked mails the buyer a working link; the token dialog can mail its link too", async ({
  page,
  browser,
}) => {
  const orgPath = await signUpWithOrg(page, "Mail Shop");

  await page.goto(`${orgPath}/settings/organization`);
  await page.getByLabel("Message to buyers").fill("Thanks for buying from Mail Shop!");
  await page.getByRole("button", { name: "Save message" }).click();
  await expect(page.getByText("Saved.")).toBeVisible();

  await productWithFile(page, orgPath, "Mailed Kit", "mailed-kit");

  const tokenBuyer = uniqueEmail("dialog-buyer");
  await page.getByRole("button", { name: "Generate Download Token" }).click();
  await page.getByLabel("Customer email").fill(tokenBuyer);
  await expect(page.getByLabel(/Email the buyer/)).toBeChecked();
  await page.getByRole("button", { name: "Generate", exact: true }).click();
  await expect(page.getByText(`Emailed to ${tokenBuyer}.`)).toBeVisible();
  const minted = await page.getByTestId("minted-url").inputValue();
  expect(await linkFromOutbox(page, tokenBuyer, /Your download: Mailed Kit/)).toBe(minted);

  const buyer = uniqueEmail("buyer");
  await page.goto(`${orgPath}/purchases`);
  await page.getByLabel("Buyer email").fill(buyer);
  await page.getByLabel("Product", { exact: true }).selectOption("mailed-kit");
  await expect(page.getByLabel("Email the buyer")).toBeChecked();
  await page.getByRole("button", { name: "Add", exact: true }).click();
  await expect(page.getByText("The buyer was emailed a download link.")).toBeVisible();

  const link = await linkFromOutbox(page, buyer, /Your download: Mailed Kit/);
  expect(link).toMatch(/\/download\?token=ct_/);
  const customer = await (await browser.newContext()).newPage();
  await customer.goto(link);
  await expect(customer.getByRole("heading", { name: "Mailed Kit" })).toBeVisible();
  await expect(customer.getByRole("link", { name: "Download" })).toBeVisible();
});
