import { apiRoute, json } from "@/lib/api/route";
import { findVersion } from "@/lib/products/products";
import { serializeFile } from "@/lib/products/files";

export const GET = apiRoute<{ id: string; version: string }>({ permission: "catalog.read" }, async ({ auth, params }) =>
  json((await findVersion(auth.org.id, params.id, params.version)).files.map(serializeFile)),
);

export * from "@/lib/api/other-methods";
