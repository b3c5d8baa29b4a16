import { apiRoute, json } from "@/lib/api/route";
import { getRequest } from "@/lib/request-log/query";
import { requestVisibility } from "@/lib/request-log/visibility";

export const GET = apiRoute<{ id: string }>({ permission: "requests.own" }, async ({ auth, params }) => {
  const r = await getRequest(requestVisibility(auth.org.id, auth.user.id, auth.role), params.id);
  return json({
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    requestId: r.requestId,
    method: r.method,
    path: r.path,
    query: r.query,
    status: r.status,
    durationMs: r.durationMs,
    key: r.keyId ? { id: r.keyId, name: r.keyName } : null,
    userId: r.userId,
    ip: r.ip,
    userAgent: r.userAgent,
    requestHeaders: r.requestHeaders,
    requestBody: r.requestBody,
    requestBodyTruncated: r.requestBodyTruncated,
    responseBody: r.responseBody,
    responseBodyTruncated: r.responseBodyTruncated,
  });
});
