import { newRequestId, problemFromError, type ProblemContext } from "./errors";

export interface RouteContext<P> extends ProblemContext {
  req: Request;
  params: P;
}

type Handler<P> = (ctx: RouteContext<P>) => Promise<Response>;

/**
 * Every route under app/api goes through here: a request id on every
 * response, and every throw turned into the documented error shape.
 */
export function apiRoute<P = Record<string, never>>(handler: Handler<P>) {
  return async (req: Request, segment?: { params?: Promise<P> }): Promise<Response> => {
    const requestId = newRequestId();
    const instance = new URL(req.url).pathname;
    try {
      const params = ((await segment?.params) ?? {}) as P;
      const res = await handler({ req, params, requestId, instance });
      res.headers.set("X-Request-Id", requestId);
      return res;
    } catch (err) {
      return problemFromError(err, { requestId, instance });
    }
  };
}

export function json(body: unknown, init?: ResponseInit): Response {
  const headers = new Headers(init?.headers);
  headers.set("Content-Type", "application/json");
  if (!headers.has("Cache-Control")) headers.set("Cache-Control", "no-store");
  return new Response(JSON.stringify(body), { ...init, headers });
}
