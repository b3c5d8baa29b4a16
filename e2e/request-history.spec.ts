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
