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

test("at 390 px the detail sheet wraps a long path, user agent and header inside the screen", async ({ page, request }) => {
  const orgPath = await signUpWithOrg(page, "Narrow Co");
  await page.getByRole("link", { name: "API Key", exact: true }).first().click();
  await page.getByRole("button", { name: "Create key" }).click();
  const key = await page.getByTestId("revealed-key").inputValue();

  const userAgent = `LongAgent/1.0 (${"x".repeat(400)})`;
  const longPath = `/api/products/${"a-very-long-product-slug".repeat(8)}`;
  await request.get(`${longPath}?note=${"q".repeat(300)}`, {
    headers: { Authorization: `Bearer ${key}`, "User-Agent": userAgent, "X-Trace-Context": `trace-${"t".repeat(600)}` },
  });

  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${orgPath}/requests`);
  const rows = page.getByTestId("request-row");
  await expect(async () => {
    await page.reload();
    await expect(rows).toHaveCount(1);
  }).toPass({ timeout: 10_000 });
  await rows.getByRole("link").click();
  const sheet = page.getByTestId("request-sheet");
  await expect(sheet.getByText(userAgent, { exact: true })).toBeVisible();
  await expect(sheet.getByTestId("request-detail")).toContainText(`trace-${"t".repeat(600)}`);

  // Nothing in the sheet reaches past the screen, and nothing is cut off: a box is either as wide
  // as its content or scrolls it (overflow auto/scroll), never clips it.
  const problems = await sheet.evaluate((root) => {
    const width = document.documentElement.clientWidth;
    const out: string[] = [];
    for (const el of [root, ...Array.from(root.querySelectorAll<HTMLElement>("*"))]) {
      const box = el.getBoundingClientRect();
      if (!box.width) continue;
      const what = `${el.tagName.toLowerCase()}${el.dataset.testid ? `[${el.dataset.testid}]` : ""} "${(el.textContent ?? "").slice(0, 30)}"`;
      if (box.left < -1 || box.right > width + 1) out.push(`${what} spans ${Math.round(box.left)}–${Math.round(box.right)} of ${width}`);
      const overflowX = getComputedStyle(el).overflowX;
      if (el.scrollWidth > el.clientWidth + 1 && overflowX !== "auto" && overflowX !== "scroll")
        out.push(`${what} clips ${el.scrollWidth} px into ${el.clientWidth}`);
    }
    return out;
  });
  expect(problems).toEqual([]);
  expect(await sheet.evaluate((el) => el.scrollWidth <= el.clientWidth)).toBe(true);
  await page.screenshot({ path: "test-results/request-sheet-390.png" });
  await sheet.getByText('"x-trace-context"').scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/request-sheet-390-headers.png" });
});
