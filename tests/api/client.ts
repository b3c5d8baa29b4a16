import { assertMatchesContract } from "./contract";

type Handler = (req: Request, segment?: { params?: Promise<never> }) => Promise<Response>;

export interface CallOptions {
  method?: string;
  token?: string;
  /** Sent as-is in Authorization (overrides token). */
  authorization?: string;
  headers?: Record<string, string>;
  body?: unknown;
  rawBody?: string;
  params?: Record<string, string>;
  ip?: string;
  /** false: skip the check against the OpenAPI document (only for answers that are meant to be off-contract). */
  contract?: boolean;
}

export interface ApiResult {
  status: number;
  headers: Headers;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  body: any;
  text: string;
}

/** Calls a route handler the way Next does: a real Request, params as a promise. */
export async function call(handler: Handler, path: string, opts: CallOptions = {}): Promise<ApiResult> {
  const headers = new Headers(opts.headers);
  if (opts.authorization !== undefined) headers.set("authorization", opts.authorization);
  else if (opts.token) headers.set("authorization", `Bearer ${opts.token}`);
  // A different address per call, so 401 tests do not trip the failed-auth limit of one IP.
  headers.set("x-forwarded-for", opts.ip ?? `198.51.${Math.floor(Math.random() * 255)}.${Math.floor(Math.random() * 255)}`);
  let body: string | undefined = opts.rawBody;
  if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    if (!headers.has("content-type")) headers.set("content-type", "application/json");
  }
  const req = new Request(`http://localhost${path}`, { method: opts.method ?? "GET", headers, body });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) as Promise<never> });
  const text = await res.text();
  let parsed: unknown = undefined;
  try {
    parsed = text ? JSON.parse(text) : undefined;
  } catch {
    parsed = undefined;
  }
  const result = { status: res.status, headers: res.headers, body: parsed, text };
  if (opts.contract !== false) assertMatchesContract(req.method, path, result);
  return result;
}

/** Asserts the documented error shape and returns the body. */
export function expectProblem(result: ApiResult, status: number, code: string) {
  const b = result.body;
  const ok =
    result.status === status &&
    b?.status === status &&
    b?.code === code &&
    typeof b?.title === "string" &&
    typeof b?.detail === "string" &&
    b?.error === b?.detail &&
    b?.type === `urn:continuata:error:${code.toLowerCase().replace(/_/g, "-")}` &&
    typeof b?.instance === "string" &&
    b?.request_id === result.headers.get("x-request-id") &&
    result.headers.get("content-type") === "application/problem+json";
  if (!ok) throw new Error(`Expected ${status} ${code} problem, got ${result.status}: ${result.text}`);
  return b;
}
