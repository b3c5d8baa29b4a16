/**
 * Types a browser never runs as a document or script. Anything else (HTML, SVG,
 * XML, JavaScript, unknown types) is served as application/octet-stream, so an
 * uploaded page can never execute on our origin.
 */
const INERT = new Set([
  "application/zip",
  "application/x-zip-compressed",
  "application/gzip",
  "application/x-tar",
  "application/x-7z-compressed",
  "application/vnd.rar",
  "application/pdf",
  "application/epub+zip",
  "application/octet-stream",
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "video/mp4",
  "video/webm",
]);
const INERT_PREFIX = ["audio/"];

export function safeContentType(stored: string | null | undefined): string {
  const type = (stored ?? "").split(";")[0].trim().toLowerCase();
  if (INERT.has(type)) return type;
  if (INERT_PREFIX.some((p) => type.startsWith(p)) && /^[a-z0-9.+-]+\/[a-z0-9.+-]+$/.test(type)) return type;
  return "application/octet-stream";
}

/** Headers every product file is served with: an attachment that is never sniffed, framed or run. */
export function fileServingHeaders(name: string, storedType: string): Record<string, string> {
  return {
    "Content-Type": safeContentType(storedType),
    "Content-Disposition": `attachment; filename="${name.replace(/[^\x20-\x7e]|["\\]/g, "_")}"; filename*=UTF-8''${encodeURIComponent(name)}`,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "sandbox",
    "Referrer-Policy": "no-referrer",
    "Cache-Control": "private, no-store, no-transform",
  };
}
