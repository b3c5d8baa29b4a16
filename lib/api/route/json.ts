/** Bodies `json` serialised itself: the request log reads them here instead of cloning the stream. */
const serialized = new WeakMap<Response, string>();

export const serializedText = (res: Response): string | undefined => serialized.get(res);

export function json(body: unknown, init?: ResponseInit): Response {
  const headers = new Headers(init?.headers);
  headers.set("Content-Type", "application/json");
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  const text = JSON.stringify(body);
  const res = new Response(text, { ...init, headers });
  serialized.set(res, text);
  return res;
}
