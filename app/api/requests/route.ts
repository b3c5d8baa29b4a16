import { apiRoute, json } from "@/lib/api/route";
import { nextPageHeaders } from "@/lib/api/pagination";
import { listRequests, parseFilters, serializeRequest } from "@/lib/request-log/query";
import { requestVisibility } from "@/lib/request-log/visibility";

/** Request history, newest first; filters: status (4xx…), method, path, key, requestId, from, to. */
export const GET = apiRoute({ permission: "requests.own" }, async ({ auth, url }) => {
  const { requests, nextCursor } = await listRequests(
    requestVisibility(auth.org.id, auth.user.id, auth.role),
    parseFilters(url.searchParams),
  );
  return json(requests.map(serializeRequest), { headers: nextPageHeaders(url, nextCursor) });
});

export * from "@/lib/api/other-methods";
