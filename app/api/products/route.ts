import { z } from "zod";
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/body";
import { createProduct, listProducts, serializeProductEntry } from "@/lib/products/products";

/** The documented list: `[{"product":{id,name,status},"activeVersion":{id,version,status}|null}]`. */
export const GET = apiRoute({ permission: "catalog.read" }, async ({ auth, url }) =>
  json((await listProducts(auth.org.id, { includeArchived: url.searchParams.get("include_archived") === "true" })).map(serializeProductEntry)),
);

export const POST = apiRoute({ permission: "catalog.write" }, async ({ auth, req }) => {
  const p = await createProduct(auth.actor, auth.org.id, await readJson(req, z.record(z.string(), z.unknown())));
  return json(serializeProductEntry(p), { status: 201 });
});

export * from "@/lib/api/other-methods";
