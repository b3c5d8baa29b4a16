import { maskBody } from "./mask";

/** Bodies over this are cut and marked truncated. */
export const BODY_CAP = 32 * 1024;
// Masking reads a little past the cap so a secret straddling it is still recognised.
const READ_LIMIT = BODY_CAP + 1024;

export interface CapturedBody {
  body: string | null;
  truncated: boolean;
}

const TEXTUAL = /json|text|x-www-form-urlencoded|xml|javascript/;

export function isTextual(contentType: string | null): boolean {
  return !contentType || TEXTUAL.test(contentType);
}

/** Reads at most READ_LIMIT bytes, then cancels the rest of the stream. */
async function readCapped(stream: ReadableStream<Uint8Array>): Promise<{ bytes: Buffer; more: boolean }> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  let more = false;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    chunks.push(value);
    size += value.byteLength;
    if (size > READ_LIMIT) {
      more = true;
      await reader.cancel().catch(() => {});
      break;
    }
  }
  return { bytes: Buffer.concat(chunks), more };
}

/**
 * A request or response body as the log keeps it: masked, capped, and for
 * binary content only a summary (never buffered: file uploads and downloads
 * are not cloned at all, see `shouldClone`).
 */
export async function captureBody(stream: ReadableStream<Uint8Array> | null, contentType: string | null, declaredLength: string | null): Promise<CapturedBody> {
  if (!stream) return { body: null, truncated: false };
  if (!isTextual(contentType)) return { body: `[${contentType} body, ${declaredLength ?? "unknown"} bytes, not recorded]`, truncated: false };
  const { bytes, more } = await readCapped(stream);
  return fromText(bytes.toString("utf8"), contentType, more);
}

/** For a body already in memory as text (responses the API serialised itself). */
export function captureText(text: string, contentType: string | null): CapturedBody {
  return fromText(text.length > READ_LIMIT ? text.slice(0, READ_LIMIT) : text, contentType, text.length > READ_LIMIT);
}

function fromText(text: string, contentType: string | null, more: boolean): CapturedBody {
  if (!text) return { body: null, truncated: false };
  const masked = maskBody(text, contentType ?? "");
  const truncated = more || Buffer.byteLength(masked) > BODY_CAP;
  return { body: truncated ? Buffer.from(masked).subarray(0, BODY_CAP).toString("utf8").replace(/\uFFFD$/, "") : masked, truncated };
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
