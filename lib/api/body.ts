import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation/parse";
import { noteBodyRead } from "./read-bodies";

export const MAX_JSON_BYTES = 1_000_000;

/**
 * The request's JSON body, validated. 400 for a wrong content type or
 * malformed JSON, 413 over the size limit (checked while reading, so a huge
 * body is never buffered whole), 422 with per-field errors for bad data.
 * An empty body counts as `{}`, so action endpoints work without one.
 */
export async function readJson<T extends z.ZodType>(req: Request, schema: T, maxBytes = MAX_JSON_BYTES): Promise<z.infer<T>> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  const text = await readText(req, maxBytes);
  if (!text.trim()) return parseOrThrow(schema, {});
  const type = req.headers.get("content-type")?.split(";")[0].trim().toLowerCase() ?? "";
  if (type !== "application/json" && !type.endsWith("+json")) {
    throw new AppError("BAD_REQUEST", "Send a JSON body with Content-Type: application/json.");
  }
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (err) {
    throw new AppError("BAD_REQUEST", `Malformed JSON: ${(err as Error).message}`);
  }
  return parseOrThrow(schema, data);
}

const tooLarge = (max: number) => new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${max} bytes.`);

async function readText(req: Request, maxBytes: number): Promise<string> {
  return Buffer.from(await readBytes(req, maxBytes)).toString("utf8");
}

/** The whole body, refused with 413 as soon as it passes maxBytes (so a huge body is never buffered whole). */
export async function readBytes(req: Request, maxBytes = MAX_JSON_BYTES): Promise<Uint8Array<ArrayBuffer>> {
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (declared > maxBytes) throw tooLarge(maxBytes);
  if (!req.body) return new Uint8Array();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    chunks.push(value);
    if (size > maxBytes) {
      noteBodyRead(req, Buffer.concat(chunks), true);
      await reader.cancel();
      throw tooLarge(maxBytes);
    }
  }
  const bytes = new Uint8Array(Buffer.concat(chunks));
  noteBodyRead(req, bytes);
  return bytes;
}
