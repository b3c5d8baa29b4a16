import { apiRoute, json } from "@/lib/api/route";
import { activateVersion, serializeProductEntry } from "@/lib/products/products";

export const POST = apiRoute<{ id: string; version: string }>({ permission: "catalog.write" }, async ({ auth, params }) =>
  json(serializeProductEntry(await activateVersion(auth.actor, auth.org.id, params.id, params.version))),
);

export * from "@/lib/api/other-methods";
