import { bodyRead } from "@/lib/api/read-bodies";
import { binarySummary, captureBody, captureBytes, captureText, NOT_READ, shouldClone, type CapturedBody } from "@/lib/request-log/capture";
import { serializedText } from "./json";

export type Captured = Promise<CapturedBody> | CapturedBody | null;

/**
 * A request's body for the log, once the handler is done: what the body
 * readers or the drain of an unread body kept of it (lib/api/read-bodies.ts),
 * so the stream is never teed; binary bodies are only summarised.
 */
export function captureRequestBody(req: Request): CapturedBody | null {
  if (!req.body) return null;
  const type = req.headers.get("content-type");
  const length = req.headers.get("content-length");
  if (!shouldClone(type, length)) return binarySummary(type, length);
  const read = bodyRead(req);
  return read ? captureBytes(read.bytes, type, read.more) : NOT_READ;
}

export function captureResponseBody(res: Response, signal: AbortSignal): Captured {
  const text = serializedText(res);
  if (text !== undefined) return captureText(text, res.headers.get("content-type"));
  if (!res.body) return null;
  const type = res.headers.get("content-type");
  const length = res.headers.get("content-length");
  if (!shouldClone(type, length)) return binarySummary(type, length);
  return captureBody(res.clone().body, type, length, signal);
}
