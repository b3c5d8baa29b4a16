import { z } from "zod";
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/body";
import { listPurchases, recordPurchase, serializePurchase } from "@/lib/purchases/purchases";

export const GET = apiRoute({ permission: "catalog.read" }, async ({ auth, url }) => json((await listPurchases(auth.org.id, url.searchParams.get("email") ?? undefined)).map(serializePurchase)));

/** `{"email","productId","externalId"?}`: 201 when new, 200 with the same purchase when externalId was seen before. */
export const POST = apiRoute({ permission: "catalog.write" }, async ({ auth, req }) => {
  const { purchase, created } = await recordPurchase(auth.actor, auth.org.id, await readJson(req, z.record(z.string(), z.unknown())));
  return json(serializePurchase(purchase), { status: created ? 201 : 200 });
});

export * from "@/lib/api/other-methods";
