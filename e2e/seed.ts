import { randomBytes } from "node:crypto";
import { expect, type APIRequestContext, type Browser, type Page } from "@playwright/test";
import { signIn, signUpWithOrg, uniqueEmail } from "./helpers";

export interface Shop {
  owner: Page;
  orgPath: string;
  key: string;
  product: { id: string; name: string };
  files: { name: string; bytes: Buffer }[];
  buyerEmail: string;
  /** API calls made with `key` so far, by outcome. */
  calls: { "2xx": number; "4xx": number; "429": number; "5xx": number };
}

/**
 * An owner with an organisation, a personal API key, and through the API a product whose active
 * version has two files and one purchase: what the overview, key usage, library and axe specs need.
 */
export async function seedShop(browser: Browser, request: APIRequestContext, shopName: string): Promise<Shop> {
  const owner = await (await browser.newContext()).newPage();
  const orgPath = await signUpWithOrg(owner, shopName);
  await owner.goto(`${orgPath}/settings/api-key`);
  await owner.getByRole("button", { name: "Create key" }).click();
  const key = await owner.getByTestId("revealed-key").inputValue();

  const calls = { "2xx": 0, "4xx": 0, "429": 0, "5xx": 0 };
  const auth = { Authorization: `Bearer ${key}` };
  const call = async (expected: number, r: Promise<import("@playwright/test").APIResponse>) => {
    const res = await r;
    expect(res.status(), await res.text()).toBe(expected);
    calls[expected === 429 ? "429" : (`${String(expected)[0]}xx` as "2xx" | "4xx" | "5xx")]++;
    return res;
  };
  const product = { id: `kit-${Date.now().toString(36)}`, name: `${shopName} Sample Kit` };
  const files = [
    { name: "kick.wav", bytes: randomBytes(200_000) },
    { name: "readme.txt", bytes: Buffer.from("Thanks for buying!\n") },
  ];
  const buyerEmail = uniqueEmail("buyer");
  await call(201, request.post("/api/products", { headers: auth, data: { id: product.id, name: product.name } }));
  await call(201, request.post(`/api/products/${product.id}/versions`, { headers: auth, data: { version: "1.0.0" } }));
  for (const f of files)
    await call(
      201,
      request.put(`/api/products/${product.id}/versions/1.0.0/files/${encodeURIComponent(f.name)}`, {
        headers: { ...auth, "Content-Type": "application/octet-stream" },
        data: f.bytes,
      }),
    );
  await call(200, request.post(`/api/products/${product.id}/versions/1.0.0/activate`, { headers: auth }));
  await call(201, request.post("/api/purchases", { headers: auth, data: { email: buyerEmail, productId: product.id } }));
  await call(404, request.get("/api/products/no-such-product", { headers: auth }));
  return { owner, orgPath, key, product, files, buyerEmail, calls };
}

/** The buyer, signed in from the plain sign-in page, in a context of their own. */
export async function buyerPage(browser: Browser, email: string): Promise<Page> {
  const buyer = await (await browser.newContext({ acceptDownloads: true })).newPage();
  await signIn(buyer, email);
  return buyer;
}
