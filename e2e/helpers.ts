import { randomBytes } from "node:crypto";
import { expect, type Page } from "@playwright/test";

export const uniqueEmail = (who: string) => `${who}-${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}@example.com`;

/** The link in the newest outbox mail to `email` whose subject matches. */
export async function linkFromOutbox(page: Page, email: string, subject: RegExp): Promise<string> {
  let href: string | null = null;
  await expect(async () => {
    await page.goto("/dev/outbox");
    const message = page
      .getByTestId("outbox-message")
      .filter({ has: page.getByTestId("outbox-to").getByText(email, { exact: true }) })
      .filter({ hasText: subject })
      .first();
    href = await message.getByRole("link").getAttribute("href");
    expect(href).toBeTruthy();
  }).toPass({ timeout: 10_000 });
  return href!;
}

/** Signs in through the magic link, as a person would: form, outbox, link. */
export async function signIn(page: Page, email: string, from = "/signin") {
  await page.goto(from);
  await page.getByLabel("Email").fill(email);
  await page.getByRole("button", { name: "Email me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your email" })).toBeVisible();
  const link = await linkFromOutbox(page, email, /Sign in/);
  await page.goto(link);
}

/** A fresh user who signs in and creates an organisation; returns its dashboard path. */
export async function signUpWithOrg(page: Page, orgName: string, who = "owner"): Promise<string> {
  const email = uniqueEmail(who);
  await signIn(page, email);
  await page.getByLabel("Organisation name").fill(orgName);
  await page.getByRole("button", { name: "Create organisation" }).click();
  await expect(page.getByRole("heading", { name: orgName })).toBeVisible();
  return new URL(page.url()).pathname;
}

/** What a seller has before selling: product `id` with version 1.0.0, one uploaded file, active. */
export async function productWithFile(page: Page, orgPath: string, name: string, id: string) {
  await page.goto(`${orgPath}/products`);
  await page.getByLabel("Name").fill(name);
  await page.getByLabel("Product id").fill(id);
  await page.getByRole("button", { name: "Create product" }).click();
  await expect(page).toHaveURL(`${orgPath}/products/${id}`);
  await page.getByLabel("Version").fill("1.0.0");
  await page.getByRole("button", { name: "Add version" }).click();
  await page.getByTestId("file-input").setInputFiles({ name: "kit.zip", mimeType: "application/zip", buffer: randomBytes(4096) });
  await expect(page.getByTestId("upload-item").getByText("Uploaded")).toBeVisible();
  await page.getByRole("button", { name: "Set active" }).click();
  await expect(page.getByTestId("version-1.0.0").getByText("active", { exact: true })).toBeVisible();
}
