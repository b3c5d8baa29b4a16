import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/body";
import { activateVersion, activateVersionRequest, serializeProductEntry } from "@/lib/products/products";

/** Optional body `{"notifyBuyers": true}`: email every earlier buyer of the product once about this version. */
export const POST = apiRoute<{ id: string; version: string }>({ permission: "catalog.write" }, async ({ auth, params, req }) => {
  const { notifyBuyers } = await readJson(req, activateVersionRequest);
  return json(serializeProductEntry(await activateVersion(auth.actor, auth.org.id, params.id, params.version, { notifyBuyers })));
});

export * from "@/lib/api/other-methods";
