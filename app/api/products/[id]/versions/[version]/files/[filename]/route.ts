import { apiRoute, json } from "@/lib/api/route";
import { deleteFile, serializeFile, uploadFile } from "@/lib/products/files";
import { closeAfterTimeout } from "@/lib/storage/idle";

type P = { id: string; version: string; filename: string };

/**
 * The raw body is the file, streamed to storage: `curl -T drums.zip …/files/drums.zip`.
 * `filename` arrives decoded once by Next; it is used as-is.
 */
const put = apiRoute<P>({ permission: "catalog.write" }, async ({ auth, params, req }) => {
  const file = await uploadFile(
    auth.actor,
    auth.org.id,
    params.id,
    params.version,
    params.filename,
    req.body,
    req.headers.get("content-type"),
  );
  return json(serializeFile(file), { status: 201 });
});
export const PUT: typeof put = Object.assign(async (...args: Parameters<typeof put>) => closeAfterTimeout(await put(...args)), put);

/** Draft versions only: a released version's files are immutable (409). */
export const DELETE = apiRoute<P>({ permission: "catalog.write" }, async ({ auth, params }) => {
  await deleteFile(auth.actor, auth.org.id, params.id, params.version, params.filename);
  return new Response(null, { status: 204 });
});

export * from "@/lib/api/other-methods";
