import { z } from "zod";
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/body";
import { nextPageHeaders, pageParams } from "@/lib/api/pagination";
import { createProduct, listProductsPage, serializeProductEntry } from "@/lib/products/products";

/** The documented list: `[{"product":{id,name,status},"activeVersion":{id,version,status}|null}]`, paged by `Link: rel="next"`. */
export const GET = apiRoute({ permission: "catalog.read" }, async ({ auth, url }) => {
  const { products, nextCursor } = await listProductsPage(auth.org.id, {
    ...pageParams(url),
    includeArchived: url.searchParams.get("include_archived") === "true",
  });
  return json(products.map(serializeProductEntry), { headers: nextPageHeaders(url, nextCursor) });
});

export const POST = apiRoute({ permission: "catalog.write" }, async ({ auth, req }) => {
  const p = await createProduct(auth.actor, auth.org.id, await readJson(req, z.record(z.string(), z.unknown())));
  return json(serializeProductEntry(p), { status: 201 });
});

export * from "@/lib/api/other-methods";
