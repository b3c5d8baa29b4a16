import { binarySummary, captureBody, captureText, shouldClone, type CapturedBody } from "@/lib/request-log/capture";
import { serializedText } from "./json";

export type Captured = Promise<CapturedBody> | CapturedBody | null;

/** Tees a textual request body for the log before the handler reads it; binary bodies are only summarised. */
export const captureRequestBody = (req: Request, signal: AbortSignal): Captured => (req.body ? captureStream(req, signal) : null);

export function captureResponseBody(res: Response, signal: AbortSignal): Captured {
  const text = serializedText(res);
  if (text !== undefined) return captureText(text, res.headers.get("content-type"));
  return res.body ? captureStream(res, signal) : null;
}

function captureStream(message: Request | Response, signal: AbortSignal): Captured {
  const type = message.headers.get("content-type");
  const length = message.headers.get("content-length");
  if (!shouldClone(type, length)) return binarySummary(type, length);
  return captureBody(message.clone().body, type, length, signal);
}
