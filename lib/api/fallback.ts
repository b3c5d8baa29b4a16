import { apiRoute } from "./route";
import { problem } from "./errors";
import { allowHeader } from "./routes";

/**
 * What Next answers on its own with empty bodies (a method a route file does not
 * define) or with the HTML 404 page (a path under /api that no route file serves),
 * answered in the API's language instead. A credential, when sent, only files the
 * request in its organisation's history.
 */
export const methodNotAllowed = apiRoute<unknown>({ auth: "optional" }, async (ctx) => {
  const allow = allowHeader(ctx.url.pathname);
  return problem("METHOD_NOT_ALLOWED", `${ctx.req.method} is not allowed on this path. Allowed: ${allow}.`, ctx, {
    headers: { Allow: allow },
  });
});

export const options = apiRoute<unknown>({ auth: "optional" }, async (ctx) => {
  return new Response(null, { status: 204, headers: { Allow: allowHeader(ctx.url.pathname), "Cache-Control": "no-store" } });
});

export const notFound = apiRoute<unknown>({ auth: "optional" }, async (ctx) =>
  problem("NOT_FOUND", `There is no API endpoint at ${ctx.url.pathname}. The list is at /api/openapi.json.`, ctx),
);
