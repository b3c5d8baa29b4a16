import { rendererBundle } from "@/lib/docs/reference-page";

/** The reference renderer's script, from the installed package: /docs loads nothing from another host. */
export async function GET(req: Request) {
  const { body, etag } = await rendererBundle();
  const headers = { ETag: etag, "Cache-Control": "public, max-age=86400", "Content-Type": "text/javascript; charset=utf-8" };
  if (req.headers.get("if-none-match") === etag) return new Response(null, { status: 304, headers });
  return new Response(new Uint8Array(body), { headers });
}
