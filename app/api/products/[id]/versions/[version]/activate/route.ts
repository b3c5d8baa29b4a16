import { z } from "zod";
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/body";
import { activateVersion, serializeProductEntry } from "@/lib/products/products";

/** Optional body `{"notifyBuyers": true}`: email every earlier buyer of the product once about this version. */
const activateBody = z.object({ notifyBuyers: z.boolean("notifyBuyers must be true or false.").optional() });

export const POST = apiRoute<{ id: string; version: string }>({ permission: "catalog.write" }, async ({ auth, params, req }) => {
  const { notifyBuyers } = await readJson(req, activateBody);
  return json(serializeProductEntry(await activateVersion(auth.actor, auth.org.id, params.id, params.version, { notifyBuyers })));
});

export * from "@/lib/api/other-methods";
