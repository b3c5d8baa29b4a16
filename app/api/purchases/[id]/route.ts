import { apiRoute, json } from "@/lib/api/route";
import { revokePurchase, serializePurchase } from "@/lib/purchases/purchases";

/** Revokes: the buyer no longer sees it at /my. */
export const DELETE = apiRoute<{ id: string }>({ permission: "catalog.write" }, async ({ auth, params }) =>
  json(serializePurchase(await revokePurchase(auth.actor, auth.org.id, params.id))),
);

export * from "@/lib/api/other-methods";
