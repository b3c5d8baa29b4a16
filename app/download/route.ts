import { deadLinkPage, downloadPage } from "@/lib/downloads/page";
import { findLiveToken, whyNotLive } from "@/lib/downloads/tokens";

export const dynamic = "force-dynamic";

const HEADERS = { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store", "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer" };

/** /download?token=…: the product, version and files, or a page that says why not (404/410). */
export async function GET(req: Request) {
  const token = new URL(req.url).searchParams.get("token") ?? "";
  const live = token ? await findLiveToken(token) : null;
  if (!live || (live.maxDownloads !== null && live.downloadCount >= live.maxDownloads)) {
    const { status, html } = deadLinkPage(token ? await whyNotLive(token) : "unknown");
    return new Response(html, { status, headers: HEADERS });
  }
  const html = downloadPage({
    product: live.version.product.name,
    version: live.version.version,
    expiresAt: live.expiresAt,
    remaining: live.maxDownloads === null ? null : live.maxDownloads - live.downloadCount,
    files: live.version.files.map((f) => ({ id: f.id, name: f.name, size: Number(f.size), href: `/download/file?token=${encodeURIComponent(token)}&file=${f.id}` })),
  });
  return new Response(html, { status: 200, headers: HEADERS });
}
