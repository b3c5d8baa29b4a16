import { expect, test } from "./fixtures";
import { signUpWithOrg } from "./helpers";

test("create an OAuth app, copy its secret once, get a token, and see the call in request history", async ({ page, context, request }) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  const orgPath = await signUpWithOrg(page, "Machines Co");
  await page.getByRole("link", { name: "OAuth apps" }).first().click();
  await page.getByLabel("App name").fill("Warehouse sync");
  await page.getByRole("button", { name: "Create OAuth app" }).click();
  const clientId = (await page.getByTestId("revealed-client-id").textContent())!;
  await page.getByRole("button", { name: "Copy", exact: true }).click();
  const secret = await page.evaluate(() => navigator.clipboard.readText());
  expect(secret).toMatch(/^cts_/);

  const tokenRes = await request.post("/oauth/token", {
    form: { grant_type: "client_credentials", client_id: clientId, client_secret: secret },
  });
  expect(tokenRes.status()).toBe(200);
  const { access_token, token_type, expires_in } = await tokenRes.json();
  expect({ token_type, expires_in }).toEqual({ token_type: "bearer", expires_in: 3600 });
  const who = await request.get("/api/whoami", { headers: { Authorization: `Bearer ${access_token}` } });
  expect((await who.json()).data).toMatchObject({ api_key_name: "Warehouse sync", credential_type: "oauth_client" });

  await page.reload();
  await expect(page.getByTestId("revealed-client-id")).toHaveCount(0);
  expect(await page.content()).not.toContain(secret);

  await page.goto(`${orgPath}/requests`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("request-row")).toHaveCount(2);
  }).toPass({ timeout: 10_000 });
  await page.getByTestId("request-row").filter({ hasText: "/oauth/token" }).getByRole("link").click();
  await expect(page.getByTestId("request-body")).toContainText("client_secret=%5Bmasked%5D");
  await expect(page.getByTestId("response-body")).toContainText('"access_token": "[masked]"');
  expect(await page.content()).not.toContain(access_token);
});
