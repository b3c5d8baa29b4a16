import { z } from "zod";
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/body";
import { createVersion } from "@/lib/products/products";

export const POST = apiRoute<{ id: string }>({ permission: "catalog.write" }, async ({ auth, params, req }) => {
  const v = await createVersion(auth.actor, auth.org.id, params.id, await readJson(req, z.record(z.string(), z.unknown())));
  return json({ id: v.id, version: v.version, status: v.status }, { status: 201 });
});

export * from "@/lib/api/other-methods";
