import { expect, test } from "./fixtures";
import { signUpWithOrg } from "./helpers";

test("Settings → API Key: create, refresh, copy the key shown once, use it; the old key stops", async ({ page, context, request }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const orgPath = await signUpWithOrg(page, "Key Co");

  await page.getByRole("link", { name: "API Key", exact: true }).first().click();
  await expect(page.getByText("You have no API key in this organisation yet.")).toBeVisible();
  await page.getByRole("button", { name: "Create key" }).click();
  const first = await page.getByTestId("revealed-key").inputValue();
  expect(first).toMatch(/^ct_[0-9A-Za-z]{38}$/);

  // Refreshing is confirmed in the in-app dialog: Cancel keeps the key, Refresh key replaces it.
  await page.getByRole("button", { name: "Refresh" }).click();
  const dialog = page.getByRole("alertdialog", { name: "Refresh your API key?" });
  await expect(dialog).toContainText("systems using it must be updated");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByTestId("revealed-key")).toHaveValue(first);
  await page.getByRole("button", { name: "Refresh" }).click();
  await dialog.getByRole("button", { name: "Refresh key" }).click();
  await expect(page.getByTestId("revealed-key")).not.toHaveValue(first);
  await expect(page.getByText("You won't see this key again.")).toBeVisible();
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  await expect(page.getByRole("button", { name: "Copied", exact: true })).toBeVisible();
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  expect(copied).toMatch(/^ct_[0-9A-Za-z]{38}$/);
  expect(copied).not.toBe(first);

  const who = await request.get("/api/whoami", { headers: { Authorization: `Bearer ${copied}` } });
  expect(who.status()).toBe(200);
  expect((await who.json()).data).toMatchObject({ type: "whoami", api_key_name: "Personal key", role: "owner" });

  await page.reload();
  await expect(page.getByTestId("revealed-key")).toHaveCount(0);
  await expect(page.getByTestId("key-hint")).toHaveText(`ct_…${copied.slice(-4)}`);
  expect(await page.content()).not.toContain(copied);

  const old = await request.get("/api/whoami", { headers: { Authorization: `Bearer ${first}` } });
  expect(old.status()).toBe(401);
  expect(await old.json()).toMatchObject({ code: "UNAUTHORIZED", status: 401 });
  expect(orgPath).toMatch(/^\/orgs\//);

  // Your own key's settings: narrowed to read, its next request has read only.
  const settings = page.getByRole("form", { name: "Key settings" });
  await settings.getByRole("checkbox", { name: "Admin — keys and settings" }).uncheck();
  await settings.getByRole("checkbox", { name: "Write — create and change" }).uncheck();
  await settings.getByRole("button", { name: "Save" }).click();
  await expect(page.getByTestId("key-scopes")).toHaveText("read");
  const narrowed = await request.get("/api/whoami", { headers: { Authorization: `Bearer ${copied}` } });
  expect((await narrowed.json()).data).toMatchObject({ scopes: ["read"] });
});

test("Settings → API Key: a refresh with a grace period says until when the old key still works", async ({ page, request }) => {
  await signUpWithOrg(page, "Grace Co");
  await page.getByRole("link", { name: "API Key", exact: true }).first().click();
  await page.getByRole("button", { name: "Create key" }).click();
  const first = await page.getByTestId("revealed-key").inputValue();

  await page.getByLabel("Current key stops working").selectOption("24h");
  await page.getByRole("button", { name: "Refresh" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Refresh key" }).click();
  await expect(page.getByTestId("revealed-key")).not.toHaveValue(first);
  await page.reload();
  const notice = page.getByRole("status").filter({ hasText: "still works until" });
  await expect(notice).toContainText(`ct_…${first.slice(-4)}`);
  expect((await request.get("/api/whoami", { headers: { Authorization: `Bearer ${first}` } })).status()).toBe(200);
});

test("Settings → API Keys: an admin creates an integration key, disables it, and it answers 403", async ({ page, request }) => {
  await signUpWithOrg(page, "Integrations Co");
  await page.getByRole("link", { name: "API Keys", exact: true }).first().click();
  await page.getByLabel("Name").fill("Shopify storefront");
  await page.getByRole("checkbox", { name: "Write — create and change" }).check();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByTestId("revealed-key").inputValue();
  const who = await request.get("/api/whoami", { headers: { Authorization: `Bearer ${key}` } });
  expect((await who.json()).data).toMatchObject({ api_key_name: "Shopify storefront", scopes: ["read", "write"] });

  const row = page.getByTestId("key-row").filter({ hasText: "Shopify storefront" });
  await row.getByRole("button", { name: "Disable" }).click();
  await page
    .getByRole("alertdialog", { name: 'Disable "Shopify storefront"? It will answer 403 until enabled.' })
    .getByRole("button", { name: "Disable" })
    .click();
  await expect(row.getByText("Disabled")).toBeVisible();
  const disabled = await request.get("/api/whoami", { headers: { Authorization: `Bearer ${key}` } });
  expect(disabled.status()).toBe(403);
  expect((await disabled.json()).code).toBe("FORBIDDEN");

  await page.getByRole("link", { name: "Audit log" }).first().click();
  await expect(page.getByTestId("audit-row").filter({ hasText: "key.disabled" })).toBeVisible();

  // Revoked keys leave the list but stay findable behind a filter.
  await page.getByRole("link", { name: "API Keys", exact: true }).first().click();
  await row.getByRole("button", { name: "Revoke" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Revoke" }).click();
  await expect(row).toHaveCount(0);
  await page.getByRole("link", { name: "Show revoked keys" }).click();
  await expect(row.getByText("Revoked", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Hide revoked keys" }).click();
  await expect(row).toHaveCount(0);
});
