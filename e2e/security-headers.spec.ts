import type { APIResponse, Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { signUpWithOrg } from "./helpers";

const csp = (res: APIResponse) => res.headers()["content-security-policy"] ?? "";

function expectPageHeaders(res: APIResponse, referrerPolicy: string) {
  const h = res.headers();
  for (const directive of ["default-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'self'", "form-action 'self'"])
    expect(csp(res)).toContain(directive);
  expect(csp(res)).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp(res)).not.toContain("unsafe-eval");
  expect(h["x-content-type-options"]).toBe("nosniff");
  expect(h["referrer-policy"]).toBe(referrerPolicy);
  expect(h["permissions-policy"]).toContain("camera=()");
  expect(h["permissions-policy"]).toContain("microphone=()");
  expect(h["permissions-policy"]).toContain("geolocation=()");
  expect(h["strict-transport-security"], "HSTS only when the app URL is https").toBeUndefined();
}

function expectApiHeaders(res: APIResponse) {
  expect(res.headers()["x-content-type-options"]).toBe("nosniff");
  expect(csp(res)).toBe("frame-ancestors 'none'");
}

/** An API key for the signed-in owner, from Settings → API Key. */
async function createKey(page: Page, orgPath: string) {
  await page.goto(`${orgPath}/settings/api-key`);
  await page.getByRole("button", { name: "Create key" }).click();
  return { Authorization: `Bearer ${await page.getByTestId("revealed-key").inputValue()}` };
}

test("pages carry a nonce CSP and the security headers; every page renders under it without a violation", async ({ page, request }) => {
  const signin = await request.get("/signin");
  expectPageHeaders(signin, "strict-origin-when-cross-origin");
  const nonce = csp(signin).match(/'nonce-([^']+)'/)![1];
  const html = await signin.text();
  const scripts = html.match(/<script\b[^>]*>/g) ?? [];
  expect(scripts.length).toBeGreaterThan(0);
  for (const tag of scripts) expect(tag).toContain(`nonce="${nonce}"`);
  expect(csp(await request.get("/signin"))).not.toContain(nonce);
  expectPageHeaders(await request.get("/my", { maxRedirects: 0 }), "no-referrer");
  expectPageHeaders(await request.get("/no-such-page"), "strict-origin-when-cross-origin");

  const orgPath = await signUpWithOrg(page, "Header Co");
  const auth = await createKey(page, orgPath);
  for (let i = 0; i < 3; i++) await request.get("/api/whoami", { headers: auth });
  const paths = [
    "",
    "/products",
    "/downloads",
    "/purchases",
    "/requests",
    "/settings/api-key",
    "/settings/api-keys",
    "/settings/oauth-apps",
    "/settings/organization",
    "/settings/members",
    "/settings/audit",
  ];
  for (const path of paths) {
    const res = await page.goto(`${orgPath}${path}`);
    expect(res!.status(), path).toBe(200);
    expect(res!.headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
    await expect(page.locator("h1").first()).toBeVisible();
  }
  // The traffic chart draws with inline styles: it must be there, styled, under the CSP.
  await page.goto(`${orgPath}/requests`);
  await expect(page.locator(".recharts-wrapper").first()).toBeVisible();
  for (const path of ["/orgs", "/orgs/new", "/my", "/dev/outbox", "/no-such-page"]) await page.goto(path);
  // Client-side navigation under the CSP (server actions ran above: creating the organisation and the key).
  await page.goto(`${orgPath}/settings/organization`);
  await page.getByRole("link", { name: "Products" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Products", exact: true })).toBeVisible();
});

test("API answers, the download page and a served file carry their headers", async ({ page, request }) => {
  expectApiHeaders(await request.get("/api/health"));
  expectApiHeaders(await request.get("/api/whoami"));
  expectApiHeaders(
    await request.post("/oauth/token", { form: { grant_type: "client_credentials", client_id: "ctc_nope", client_secret: "cts_nope" } }),
  );

  const orgPath = await signUpWithOrg(page, "Files Co");
  const auth = await createKey(page, orgPath);
  const json = { ...auth, "Content-Type": "application/json" };
  expect((await request.post("/api/products", { headers: json, data: { id: "hdr", name: "Header Kit" } })).status()).toBe(201);
  expect((await request.post("/api/products/hdr/versions", { headers: json, data: { version: "1.0.0" } })).status()).toBe(201);
  const put = await request.put("/api/products/hdr/versions/1.0.0/files/page.html", {
    headers: { ...auth, "Content-Type": "text/html" },
    data: "<script>alert(1)</script>",
  });
  expect(put.status()).toBe(201);
  expectApiHeaders(put);
  expect((await request.post("/api/products/hdr/versions/1.0.0/activate", { headers: auth })).status()).toBe(200);
  const minted = await request.post("/api/generate-download-url", { headers: json, data: { productId: "hdr", version: "1.0.0" } });
  const { url } = await minted.json();

  const downloadPage = await request.get(url);
  expect(downloadPage.status()).toBe(200);
  expect(csp(downloadPage)).toMatch(/^default-src 'none'; style-src 'sha256-[A-Za-z0-9+/=]+'/);
  expect(csp(downloadPage)).toContain("frame-ancestors 'none'");
  expect(downloadPage.headers()["referrer-policy"]).toBe("no-referrer");
  expect(downloadPage.headers()["x-content-type-options"]).toBe("nosniff");

  const href = (await downloadPage.text()).match(/href="(\/download\/file\?[^"]+)"/)![1].replace(/&#38;|&amp;/g, "&");
  const file = await request.get(href);
  expect(file.status()).toBe(200);
  expect(await file.text()).toBe("<script>alert(1)</script>");
  expect(file.headers()["x-content-type-options"]).toBe("nosniff");
  expect(csp(file)).toContain("sandbox");
  expect(csp(file)).toContain("default-src 'none'");
  expect(file.headers()["referrer-policy"]).toBe("no-referrer");

  // The download page itself, in the browser: styled (its one style sheet allowed by hash), no violation.
  await page.goto(url);
  await expect(page.getByRole("link", { name: "Download" })).toHaveCSS("background-color", "rgb(79, 70, 229)");
});

test("a page on another port of the same host cannot frame the signed-in dashboard", async ({ page, baseURL }) => {
  const orgPath = await signUpWithOrg(page, "Frame Co");
  const app = new URL(baseURL!);
  const evil = `http://${app.hostname}:${Number(app.port) + 1}`;
  await page.route(`${evil}/**`, (route) =>
    route.fulfill({
      contentType: "text/html",
      body: route.request().url().endsWith("/inner")
        ? "<h1>Inner page</h1>"
        : `<iframe id="control" src="${evil}/inner"></iframe><iframe id="target" src="${baseURL}${orgPath}"></iframe>`,
    }),
  );
  expect((await page.request.get(orgPath)).headers()["content-security-policy"]).toContain("frame-ancestors 'none'");
  await page.goto(`${evil}/`);
  // The control frame renders, so a blank target is the browser's refusal, not a broken harness.
  await expect(page.frameLocator("#control").getByRole("heading", { name: "Inner page" })).toBeVisible();
  await expect.poll(() => page.frames().map((f) => f.url())).toContain("chrome-error://chromewebdata/");
  await expect(page.frameLocator("#target").getByRole("heading", { name: "Frame Co" })).toHaveCount(0);
});

test("dashboard upload: refused without a same-origin Origin, accepted with one", async ({ page, baseURL }) => {
  const orgPath = await signUpWithOrg(page, "Origin Co");
  await page.getByRole("link", { name: "Products" }).first().click();
  await page.getByLabel("Name").fill("Origin Kit");
  await page.getByLabel("Product id").fill("origin-kit");
  await page.getByRole("button", { name: "Create product" }).click();
  await page.getByLabel("Version").fill("1.0.0");
  await page.getByRole("button", { name: "Add version" }).click();
  await expect(page.getByRole("heading", { name: "Version 1.0.0" })).toBeVisible();

  // page.request carries the signed-in session cookie, like a browser would.
  const upload = (name: string, headers: Record<string, string>) =>
    page.request.put(`${orgPath}/products/origin-kit/versions/1.0.0/files/${name}`, {
      headers: { "Content-Type": "text/plain", ...headers },
      data: "hello",
    });
  for (const [why, headers] of [
    ["no Origin", {}],
    ["foreign Origin", { Origin: "http://evil.example" }],
    ["another port of this host", { Origin: `${new URL(baseURL!).protocol}//${new URL(baseURL!).hostname}:1` }],
    ["opaque Origin", { Origin: "null" }],
    ["cross-site fetch without Origin", { "Sec-Fetch-Site": "cross-site" }],
  ] as const) {
    const res = await upload("refused.txt", headers);
    expect(res.status(), why).toBe(403);
  }
  expect((await upload("same-origin.txt", { Origin: new URL(baseURL!).origin })).status()).toBe(201);
  expect((await upload("fetch-metadata.txt", { "Sec-Fetch-Site": "same-origin" })).status()).toBe(201);
  await page.reload();
  await expect(page.getByTestId("file-row")).toHaveCount(2);
  await expect(page.getByTestId("file-row").filter({ hasText: "refused.txt" })).toHaveCount(0);
});

test("malformed paths answer 400, never 500", async ({ request }) => {
  for (const path of ["/api/products/%E0%A4%A", "/api/%zz", "/api/products/a%00b", "/api/products/x/versions/1.0.0/files/a%0Ab.zip"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(400);
    expect(res.headers()["content-type"]).toBe("application/problem+json");
    expect(res.headers()["x-request-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expectApiHeaders(res);
    const body = await res.json();
    expect(body).toMatchObject({ status: 400, code: "BAD_REQUEST", instance: path, request_id: res.headers()["x-request-id"] });
  }
  for (const path of ["/orgs/%E0%A4%A", "/%E0%A4%A", "/download/%zz", "/my/a%00b"]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(400);
    expect(res.headers()["content-type"]).toBe("text/html; charset=utf-8");
    expect(await res.text()).toContain("Bad request");
    expect(csp(res)).toContain("frame-ancestors 'none'");
  }
  // A well-formed escape still reaches its route.
  expect((await request.get("/api/products/a%25b")).status()).toBe(401);
});

test("uploads over 10 MB are stored whole: they never pass through the proxy, whose body copy stops at 10 MB", async ({
  page,
  request,
  baseURL,
}) => {
  const orgPath = await signUpWithOrg(page, "Big Files Co");
  const auth = await createKey(page, orgPath);
  const json = { ...auth, "Content-Type": "application/json" };
  expect((await request.post("/api/products", { headers: json, data: { id: "big", name: "Big Kit" } })).status()).toBe(201);
  expect((await request.post("/api/products/big/versions", { headers: json, data: { version: "1.0.0" } })).status()).toBe(201);
  const bytes = Buffer.alloc(11 * 1024 * 1024, 7);
  const octets = { "Content-Type": "application/octet-stream" };

  // A percent escape in the name is what sends an API path through the proxy.
  const viaApi = await request.put("/api/products/big/versions/1.0.0/files/big%20one.bin", {
    headers: { ...auth, ...octets },
    data: bytes,
  });
  expect(viaApi.status()).toBe(201);
  expect((await viaApi.json()).size).toBe(bytes.length);
  expectApiHeaders(viaApi);

  const viaDashboard = await page.request.put(`${orgPath}/products/big/versions/1.0.0/files/big%20two.bin`, {
    headers: { ...octets, Origin: new URL(baseURL!).origin },
    data: bytes,
  });
  expect(viaDashboard.status()).toBe(201);
  expect((await viaDashboard.json()).size).toBe(bytes.length);
  expect(viaDashboard.headers()["x-content-type-options"]).toBe("nosniff");
  // Without the proxy, the route's own check still refuses a write without a same-origin Origin.
  expect(
    (await page.request.put(`${orgPath}/products/big/versions/1.0.0/files/big-three.bin`, { headers: octets, data: bytes })).status(),
  ).toBe(403);
});
