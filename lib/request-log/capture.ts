import { maskBody } from "./mask";
import { decodeUtf8 } from "./storable";

/** Bodies over this are cut and marked truncated. */
export const BODY_CAP = 32 * 1024;
// Masking reads a little past the cap so a secret straddling it is still recognised.
export const READ_LIMIT = BODY_CAP + 1024;

export interface CapturedBody {
  body: string | null;
  truncated: boolean;
}

const TEXTUAL = /json|text|x-www-form-urlencoded|xml|javascript/;

export function isTextual(contentType: string | null): boolean {
  return !contentType || TEXTUAL.test(contentType);
}

/** What the log shows for a body whose capture was cut off (see the writer's CAPTURE_GRACE_MS). */
export const NOT_CAPTURED: CapturedBody = { body: "[body not captured: it was not read before the response was sent]", truncated: false };

/** A request body that no body reader took as text (streamed to storage, refused before reading, or too slow to drain). */
export const NOT_READ: CapturedBody = {
  body: "[body not captured: the handler did not read it as text (streamed, refused before reading, or too slow to arrive)]",
  truncated: false,
};

/**
 * Reads at most READ_LIMIT bytes, then cancels the rest of the stream. An abort
 * (the writer giving up on a body nobody reads) cancels it too and answers NOT_CAPTURED.
 */
async function readCapped(stream: ReadableStream<Uint8Array>, signal?: AbortSignal): Promise<{ bytes: Buffer; more: boolean } | null> {
  const reader = stream.getReader();
  const onAbort = () => void reader.cancel().catch(() => {});
  if (signal?.aborted) onAbort();
  signal?.addEventListener("abort", onAbort, { once: true });
  const chunks: Uint8Array[] = [];
  let size = 0;
  let more = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (signal?.aborted) return null;
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > READ_LIMIT) {
      more = true;
      await reader.cancel().catch(() => {});
      break;
    }
  }
  signal?.removeEventListener("abort", onAbort);
  return { bytes: Buffer.concat(chunks), more };
}

/**
 * A request or response body as the log keeps it: masked, capped, and for
 * binary content only a summary (never buffered: file uploads and downloads
 * are not cloned at all, see `shouldClone`).
 */
export async function captureBody(
  stream: ReadableStream<Uint8Array> | null,
  contentType: string | null,
  declaredLength: string | null,
  signal?: AbortSignal,
): Promise<CapturedBody> {
  if (!stream) return { body: null, truncated: false };
  if (!isTextual(contentType))
    return { body: `[${contentType} body, ${declaredLength ?? "unknown"} bytes, not recorded]`, truncated: false };
  const read = await readCapped(stream, signal);
  if (!read) return NOT_CAPTURED;
  return captureBytes(read.bytes, contentType, read.more);
}

/** For the first bytes of a body that was read by someone else (`more`: it went on). */
export function captureBytes(bytes: Uint8Array, contentType: string | null, more: boolean): CapturedBody {
  return fromText(decodeUtf8(bytes), contentType, more);
}

/** For a body already in memory as text (responses the API serialised itself). */
export function captureText(text: string, contentType: string | null): CapturedBody {
  return fromText(text.length > READ_LIMIT ? text.slice(0, READ_LIMIT) : text, contentType, text.length > READ_LIMIT);
}

function fromText(text: string, contentType: string | null, more: boolean): CapturedBody {
  if (!text) return { body: null, truncated: false };
  const masked = maskBody(text, contentType ?? "");
  const truncated = more || Buffer.byteLength(masked) > BODY_CAP;
  return {
    body: truncated
      ? Buffer.from(masked)
          .subarray(0, BODY_CAP)
          .toString("utf8")
          .replace(/\uFFFD$/, "")
      : masked,
    truncated,
  };
}

/** Clone a body for the log only when it is text and not huge: cloning tees, which buffers. */
export function shouldClone(contentType: string | null, declaredLength: string | null): boolean {
  if (!isTextual(contentType)) return false;
  if (declaredLength !== null) return Number(declaredLength) <= 2 * 1024 * 1024;
  // Unknown length: only JSON and forms, whose readers stop at their own limits.
  return !!contentType && /json|x-www-form-urlencoded/.test(contentType);
}

export function binarySummary(contentType: string | null, declaredLength: string | null): CapturedBody {
  return { body: `[${contentType ?? "unknown"} body, ${declaredLength ?? "unknown"} bytes, not recorded]`, truncated: false };
}
