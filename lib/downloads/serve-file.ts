import { declaredLength } from "@/lib/http/declared-length";
import { storage } from "@/lib/storage";
import type { S3Storage } from "@/lib/storage/s3";
import { fileServingHeaders } from "./content-type";
import { claimResume, countFileDownload, markDelivered, mayResume, remainingByFile } from "./counts";
import { deadResponse, resolveToken, type LiveToken } from "./lookup";
import { parseRange } from "./range";
import { recordDownload } from "./tokens";
import { presignedDownload } from "./redirect";

/**
 * One file of a live token's version, with Content-Length, ETag and HTTP Range.
 * - GET counts one download of this file (atomically, per file) unless it is a
 *   resume (Range past byte 0) within the resume window of the last counted one.
 * - A file with no downloads left never serves a byte (410), Range or not.
 * - HEAD answers the same status and headers and never counts.
 * - With S3 storage a GET that passes those rules answers 302 to a short-lived
 *   presigned URL instead of streaming the bytes (lib/downloads/redirect.ts).
 */
export async function serveFile(req: Request, head: boolean): Promise<Response> {
  const resolved = await resolveToken(req, head);
  if ("response" in resolved) return resolved.response;
  return serveTokenFile(req, resolved.live, new URL(req.url).searchParams.get("file"), resolved.ip, head);
}

/** One file of a token already known to be live (a /download link's, or the buyer library's own): same counting. */
export async function serveTokenFile(
  req: Request,
  live: LiveToken,
  fileId: string | null,
  ip: string | null,
  head: boolean,
): Promise<Response> {
  const file = live.version.files.find((f) => f.id === fileId);
  if (!file) return deadResponse("unknown", head);

  const size = Number(file.size);
  const etag = `"${file.sha256}"`;
  const base = { ...fileServingHeaders(file.name, file.contentType), "Accept-Ranges": "bytes", ETag: etag };
  const ifRange = req.headers.get("if-range");
  const range = ifRange && ifRange !== etag ? ({ kind: "full" } as const) : parseRange(req.headers.get("range"), size);
  if (range.kind === "unsatisfiable") return new Response(null, { status: 416, headers: { ...base, "Content-Range": `bytes */${size}` } });

  const start = range.kind === "partial" ? range.start : 0;
  const end = range.kind === "partial" ? range.end : size - 1;
  const store = storage();
  const redirect = store.kind === "s3" && !head;
  const resume = start > 0 && (redirect ? await claimResume(live.id, file.id) : await mayResume(live.id, file.id));
  if (!resume) {
    const allowed = head ? (await remainingByFile(live, [file.id])).get(file.id) !== 0 : await countFileDownload(live.id, file.id);
    if (!allowed) return deadResponse("exhausted", head);
  }
  const length = end - start + 1;
  const headers = {
    ...base,
    ...declaredLength(length),
    ...(range.kind === "partial" ? { "Content-Range": `bytes ${start}-${end}/${size}` } : {}),
  };
  const status = range.kind === "partial" ? 206 : 200;
  if (head) return new Response(null, { status, headers });

  const record = () =>
    recordDownload({
      tokenId: live.id,
      fileId: file.id,
      ip,
      userAgent: req.headers.get("user-agent")?.slice(0, 512) ?? null,
      bytes: length,
    }).catch((err) => console.error("[downloads] could not record a download:", (err as Error).message));
  if (store.kind === "s3") {
    void record();
    return presignedDownload(store as S3Storage, file);
  }
  void record();
  const body = await store.read(file.storageKey, { start, end });
  return new Response(end === size - 1 ? whenDrained(body, () => markDelivered(live.id, file.id)) : body, { status, headers });
}

/** Calls `done` once the consumer has pulled the last chunk (not merely when the source ran dry). */
export function whenDrained(body: ReadableStream<Uint8Array>, done: () => Promise<void>): ReadableStream<Uint8Array> {
  const relay = new TransformStream<Uint8Array, Uint8Array>(
    {
      flush() {
        done().catch((err) => console.error("[downloads] could not mark a delivery:", (err as Error).message));
      },
    },
    undefined,
    { highWaterMark: 0 },
  );
  return body.pipeThrough(relay);
}
