import { apiRoute, json } from "@/lib/api/route";
import { serializeFile, uploadFile } from "@/lib/products/files";

/** The raw body is the file, streamed to storage: `curl -T drums.zip …/files/drums.zip`. */
export const PUT = apiRoute<{ id: string; version: string; filename: string }>({ permission: "catalog.write" }, async ({ auth, params, req }) => {
  const file = await uploadFile(auth.actor, auth.org.id, params.id, params.version, decodeURIComponent(params.filename), req.body, req.headers.get("content-type"));
  return json(serializeFile(file), { status: 201 });
});

export * from "@/lib/api/other-methods";
