import { expect, test } from "./fixtures";
import { signUpWithOrg } from "./helpers";

test("make calls with a key, filter the history to 4xx, open one and see masked bodies", async ({ page, request }) => {
  const orgPath = await signUpWithOrg(page, "History Co");
  await page.getByRole("link", { name: "Request history" }).first().click();
  await expect(page.getByText("No requests yet")).toBeVisible();

  await page.getByRole("link", { name: "API Key", exact: true }).first().click();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByTestId("revealed-key").inputValue();
  const auth = { Authorization: `Bearer ${key}` };

  expect((await request.get("/api/whoami", { headers: auth })).status()).toBe(200);
  const bad = await request.post("/api/keys", { headers: auth, data: { name: "", client_secret: "hunter2-do-not-store" } });
  expect(bad.status()).toBe(422);
  expect(bad.headers()["ratelimit-limit"]).toBe("60");
  const requestId = bad.headers()["x-request-id"];

  await page.goto(`${orgPath}/requests`);
  await expect(async () => {
    await page.reload();
    await expect(page.getByTestId("request-row")).toHaveCount(2);
  }).toPass({ timeout: 10_000 });

  await page.getByLabel("Status", { exact: true }).selectOption("4xx");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("request-row")).toHaveCount(1);
  await expect(page.getByTestId("request-row").getByText("422")).toBeVisible();

  await page.getByTestId("request-row").getByRole("link").click();
  const detail = page.getByTestId("request-detail");
  await expect(detail).toBeVisible();
  await expect(page.getByText(`Request ${requestId}`)).toBeVisible();
  await expect(page.getByTestId("request-body")).toContainText('"client_secret": "[masked]"');
  await expect(page.getByTestId("response-body")).toContainText('"code": "VALIDATION_FAILED"');
  // "Copy as curl" runs as pasted: the key comes from the environment, and only headers the caller sent.
  const curl = page.getByTestId("curl");
  await expect(curl).toContainText(`-H "Authorization: Bearer $CONTINUATA_API_KEY"`);
  await expect(curl).not.toContainText("ct_…");
  await expect(curl).not.toContainText(/user-agent|accept-encoding|x-forwarded|x-continuata|'host:/i);
  const html = await page.content();
  expect(html).not.toContain("hunter2-do-not-store");
  expect(html).not.toContain(key);
});

test("the key filter picks an OAuth client: only that client's requests are listed", async ({ page, request }) => {
  const orgPath = await signUpWithOrg(page, "Client Filter Co");
  await page.getByRole("link", { name: "API Key", exact: true }).first().click();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByTestId("revealed-key").inputValue();

  await page.getByRole("link", { name: "OAuth apps" }).first().click();
  await page.getByLabel("App name").fill("Warehouse sync");
  await page.getByRole("button", { name: "Create OAuth app" }).click();
  const clientId = (await page.getByTestId("revealed-client-id").textContent())!;
  const secret = await page.getByTestId("revealed-key").inputValue();
  const issued = await request.post("/oauth/token", {
    form: { grant_type: "client_credentials", client_id: clientId, client_secret: secret },
  });
  const { access_token } = await issued.json();

  // The client: its token request and two calls. The personal key: three calls.
  for (const path of ["/api/whoami", "/api/products"])
    expect((await request.get(path, { headers: { Authorization: `Bearer ${access_token}` } })).status()).toBe(200);
  for (let i = 0; i < 3; i++)
    expect((await request.get("/api/whoami", { headers: { Authorization: `Bearer ${key}` } })).status()).toBe(200);

  await page.goto(`${orgPath}/requests`);
  const rows = page.getByTestId("request-row");
  await expect(async () => {
    await page.reload();
    await expect(rows).toHaveCount(6);
  }).toPass({ timeout: 10_000 });

  await page.getByLabel("Key or OAuth client").selectOption({ label: "OAuth client · Warehouse sync" });
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(rows).toHaveCount(3);
  for (const row of await rows.all()) await expect(row).toContainText("OAuth client · Warehouse sync");
  await expect(rows.filter({ hasText: "Personal key" })).toHaveCount(0);
  await expect(rows.filter({ hasText: "POST /oauth/token" })).toHaveCount(1);
  await expect(rows.filter({ hasText: "GET /api/products" })).toHaveCount(1);
  // The pick survives the reload it caused, and "Clear" brings the key's calls back.
  await expect(page.getByLabel("Key or OAuth client")).toHaveValue(new URL(page.url()).searchParams.get("key")!);
  await page.getByRole("link", { name: "Clear" }).click();
  await expect(rows).toHaveCount(6);
});
