import { apiRoute, json } from "@/lib/api/route";
import { getRequest, serializeRequestDetail } from "@/lib/request-log/query";
import { requestVisibility } from "@/lib/request-log/visibility";

export const GET = apiRoute<{ id: string }>({ permission: "requests.own" }, async ({ auth, params }) =>
  json(serializeRequestDetail(await getRequest(requestVisibility(auth.org.id, auth.user.id, auth.role), params.id))),
);

export * from "@/lib/api/other-methods";
