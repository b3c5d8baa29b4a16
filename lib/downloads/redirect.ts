import type { S3Storage } from "@/lib/storage/s3";
import { fileServingHeaders } from "./content-type";

/**
 * How long a presigned download URL works (seconds). Five minutes at most: the
 * URL is a bearer credential for the file that nobody counts, so it must not
 * outlive the moment of the click by much. A GET that started in time runs to
 * its end, however long the transfer takes.
 */
export const PRESIGNED_GET_SECONDS = 300;

/**
 * The file from the storage itself: 302 to a presigned GET that makes the
 * storage answer as we would (attachment under the file's name, a type a
 * browser never runs). Range and resume then happen at the storage.
 *
 * Counting stays with /download/file (serve-file.ts): every request there that
 * starts at byte 0 (no Range, or `bytes=0-…`) counts one download before its
 * 302, exactly like a streamed GET; a Range past byte 0 within the resume
 * window of the last counted download is redirected free once (claimResume),
 * the next one counts. Within its five minutes the URL itself can be resumed
 * at the storage without coming back here.
 */
export async function presignedDownload(
  store: S3Storage,
  file: { name: string; contentType: string; storageKey: string },
): Promise<Response> {
  const served = fileServingHeaders(file.name, file.contentType);
  const location = await store.presignGet(file.storageKey, {
    disposition: served["Content-Disposition"],
    contentType: served["Content-Type"],
    expiresIn: PRESIGNED_GET_SECONDS,
  });
  return new Response(null, {
    status: 302,
    headers: { Location: location, "Cache-Control": "private, no-store", "Referrer-Policy": "no-referrer" },
  });
}
