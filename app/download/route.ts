import { downloadPage } from "@/lib/downloads/page";
import { remainingByFile } from "@/lib/downloads/counts";
import { deadResponse, HTML_HEADERS, resolveToken } from "@/lib/downloads/lookup";

export const dynamic = "force-dynamic";

/** /download?token=…: the product, version and files, or a page that says why not (404/410/429). */
export async function GET(req: Request) {
  const resolved = await resolveToken(req);
  if ("response" in resolved) return resolved.response;
  const { live, token } = resolved;
  const files = live.version.files;
  const left = await remainingByFile(
    live,
    files.map((f) => f.id),
  );
  if (files.length > 0 && files.every((f) => left.get(f.id) === 0)) return deadResponse("exhausted");
  const html = downloadPage({
    product: live.version.product.name,
    seller: live.version.product.organization.name,
    version: live.version.version,
    expiresAt: live.expiresAt,
    files: files.map((f) => ({
      id: f.id,
      name: f.name,
      size: Number(f.size),
      remaining: left.get(f.id) ?? null,
      href: `/download/file?token=${encodeURIComponent(token)}&file=${f.id}`,
    })),
  });
  return new Response(html, { status: 200, headers: HTML_HEADERS });
}
