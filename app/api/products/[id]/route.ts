import { z } from "zod";
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/body";
import { getProduct, serializeProductEntry, updateProduct } from "@/lib/products/products";
import { serializeFile } from "@/lib/products/files";

type P = { id: string };

export const GET = apiRoute<P>({ permission: "catalog.read" }, async ({ auth, params }) => {
  const p = await getProduct(auth.org.id, params.id);
  return json({
    ...serializeProductEntry(p),
    versions: p.versions.map((v) => ({
      id: v.id,
      version: v.version,
      status: v.status,
      createdAt: v.createdAt.toISOString(),
      files: v.files.map(serializeFile),
    })),
  });
});

export const PATCH = apiRoute<P>({ permission: "catalog.write" }, async ({ auth, params, req }) =>
  json(
    serializeProductEntry(await updateProduct(auth.actor, auth.org.id, params.id, await readJson(req, z.record(z.string(), z.unknown())))),
  ),
);

/** Archives (products are never deleted: purchases and tokens refer to them). */
export const DELETE = apiRoute<P>({ permission: "catalog.write" }, async ({ auth, params }) =>
  json(serializeProductEntry(await updateProduct(auth.actor, auth.org.id, params.id, { status: "archived" }))),
);

export * from "@/lib/api/other-methods";
