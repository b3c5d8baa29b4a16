import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import createClient from "openapi-fetch";
import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { flushRequestLog } from "@/lib/request-log/record";
import { GET as serveDocument } from "@/app/api/openapi.json/route";
import { generateTypes, TYPES_FILE } from "@/scripts/storefront-example/generate";
import type { paths } from "@/scripts/storefront-example/api";
import { runStorefront } from "@/scripts/storefront-example/storefront";
import { createOrgWith, integrationKey, unique } from "./fixtures";
import { assertMatchesContract, templateFor } from "./api/contract";

const root = path.resolve(import.meta.dirname, "..");

/** Dispatches a request to the route file Next would run, as Next does, and checks the answer against the document. */
async function appFetch(req: Request): Promise<Response> {
  const url = new URL(req.url);
  const template = templateFor(url.pathname);
  if (!template) throw new Error(`No documented route for ${url.pathname}`);
  const mod = (await import(/* @vite-ignore */ path.join(root, `app${template.replace(/\{(\w+)\}/g, "[$1]")}/route.ts`))) as Record<
    string,
    (req: Request, segment: { params: Promise<Record<string, string>> }) => Promise<Response>
  >;
  const segments = url.pathname.split("/").filter(Boolean);
  const params: Record<string, string> = {};
  template
    .split("/")
    .filter(Boolean)
    .forEach((part, i) => {
      if (part.startsWith("{")) params[part.slice(1, -1)] = decodeURIComponent(segments[i]);
    });
  const res = await mod[req.method](req, { params: Promise.resolve(params) });
  const text = await res.clone().text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  assertMatchesContract(req.method, req.url, { status: res.status, headers: res.headers, text, body });
  return res;
}

describe("the strict storefront example (scripts/storefront-example)", () => {
  it("its api.d.ts is what openapi-typescript generates from the served document", async () => {
    const served = await (await serveDocument(new Request("http://localhost/api/openapi.json"))).json();
    const fresh = await generateTypes(served);
    expect(
      readFileSync(TYPES_FILE, "utf8") === fresh,
      "scripts/storefront-example/api.d.ts is stale: run npx tsx scripts/storefront-example/generate.ts",
    ).toBe(true);
  }, 60_000);

  it("type-checks under tsc --strict with 0 errors", async () => {
    const tsc = path.join(root, "node_modules/typescript/bin/tsc");
    const result = await promisify(execFile)(process.execPath, [tsc, "-p", "scripts/storefront-example/tsconfig.json", "--strict"], {
      cwd: root,
    }).catch((err: { stdout: string; code: number }) => err);
    expect(result.stdout).toBe("");
    expect("code" in result ? result.code : 0).toBe(0);
  }, 300_000);

  it("runs: lists, creates a product and version, uploads, activates, links, records a purchase, reads history", async () => {
    const { org, owner } = await createOrgWith();
    const { token } = await integrationKey(org.id, owner, { scopes: ["write"] });
    const api = createClient<paths>({ baseUrl: "http://localhost", fetch: appFetch, headers: { Authorization: `Bearer ${token}` } });
    const slug = unique("sf")
      .toLowerCase()
      .replace(/[^a-z0-9-]/g, "-")
      .slice(0, 60);

    const run = await runStorefront(api, slug, "buyer@example.com");

    expect(run.listed).toBe(0);
    expect(run.product).toEqual({
      product: { id: slug, name: "Epic Drum Kit", status: "draft" },
      activeVersion: expect.objectContaining({ version: "1.0.0", status: "ready" }),
    });
    expect(run.file).toMatchObject({ name: "drums.zip", size: 10, contentType: "application/zip" });
    expect(run.downloadUrl).toContain("/download?token=");
    expect(run.downloadPage).toContain("Epic Drum Kit");
    expect(run.purchase).toMatchObject({ email: "buyer@example.com", productId: slug, externalId: `order-${slug}`, emailSent: false });
    const stored = await db.purchase.findUnique({ where: { id: run.purchase.id }, include: { product: true } });
    expect(stored?.product.slug).toBe(slug);
    expect(await db.downloadToken.count({ where: { orgId: org.id } })).toBe(1);
    // History is written after each answer is sent; the storefront's own POSTs show up once flushed.
    await flushRequestLog();
    const again = await api.GET("/api/requests", { params: { query: { method: "POST" } } });
    expect(again.data?.map((r) => r.path)).toEqual(
      expect.arrayContaining([
        "/api/products",
        `/api/products/${slug}/versions`,
        `/api/products/${slug}/versions/1.0.0/activate`,
        "/api/generate-download-url",
        "/api/purchases",
      ]),
    );
  }, 60_000);
});
