import { deadLinkPage } from "@/lib/downloads/page";
import { parseRange } from "@/lib/downloads/range";
import { consumeDownload, findLiveToken, recordDownload, whyNotLive } from "@/lib/downloads/tokens";
import { clientIp } from "@/lib/http/client-ip";
import { storage } from "@/lib/storage";

export const dynamic = "force-dynamic";

const contentDisposition = (name: string) => `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`;

/**
 * Streams one file of a live token's version, with Content-Length, ETag and
 * HTTP Range. A request from byte 0 counts as a download (atomically against
 * the limit); resuming with a later Range does not count again.
 */
export async function GET(req: Request) {
  const url = new URL(req.url);
  const token = url.searchParams.get("token") ?? "";
  const live = token ? await findLiveToken(token) : null;
  const file = live?.version.files.find((f) => f.id === url.searchParams.get("file"));
  const dead = async () => {
    const { status, html } = deadLinkPage(token ? await whyNotLive(token) : "unknown");
    return new Response(html, { status, headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" } });
  };
  if (!live || !file) return dead();

  const size = Number(file.size);
  const etag = `"${file.sha256}"`;
  const base = { "Accept-Ranges": "bytes", ETag: etag, "Content-Type": file.contentType, "Content-Disposition": contentDisposition(file.name), "Cache-Control": "private, no-store" };
  const ifRange = req.headers.get("if-range");
  const range = ifRange && ifRange !== etag ? ({ kind: "full" } as const) : parseRange(req.headers.get("range"), size);
  if (range.kind === "unsatisfiable") return new Response(null, { status: 416, headers: { ...base, "Content-Range": `bytes */${size}` } });

  const start = range.kind === "partial" ? range.start : 0;
  if (start === 0 && !(await consumeDownload(live.id))) return dead();
  const end = range.kind === "partial" ? range.end : size - 1;
  const length = end - start + 1;
  void recordDownload({ tokenId: live.id, fileId: file.id, ip: clientIp(req.headers), userAgent: req.headers.get("user-agent")?.slice(0, 512) ?? null, bytes: length }).catch((err) =>
    console.error("[downloads] could not record a download:", (err as Error).message),
  );
  const body = await storage().read(file.storageKey, { start, end });
  if (range.kind === "partial") return new Response(body, { status: 206, headers: { ...base, "Content-Length": String(length), "Content-Range": `bytes ${start}-${end}/${size}` } });
  return new Response(body, { status: 200, headers: { ...base, "Content-Length": String(size) } });
}
