/**
 * Runs the storefront against a deployment:
 *   STOREFRONT_API_KEY=ct_… npx tsx scripts/storefront-example/run.ts http://localhost:3000
 */
import createClient from "openapi-fetch";
import type { paths } from "./api";
import { runStorefront } from "./storefront";

const base = process.argv[2] ?? process.env.STOREFRONT_BASE_URL ?? "http://localhost:3000";
const key = process.env.STOREFRONT_API_KEY;
if (!key) throw new Error("Set STOREFRONT_API_KEY to a key with the write scope.");

const api = createClient<paths>({ baseUrl: base, headers: { Authorization: `Bearer ${key}` } });
const slug = `storefront-${Date.now().toString(36)}`;
const run = await runStorefront(api, slug, "buyer@example.com");
console.log(
  JSON.stringify(
    {
      productsBefore: run.listed,
      product: run.product,
      file: run.file.name,
      downloadUrl: run.downloadUrl,
      purchase: run.purchase.id,
      recentPosts: run.history.map((r) => `${r.status} ${r.path}`),
    },
    null,
    2,
  ),
);
