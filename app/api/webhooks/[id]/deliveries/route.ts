import { apiRoute, json } from "@/lib/api/route";
import { nextPageHeaders, pageParams } from "@/lib/api/pagination";
import { listDeliveriesPage, serializeDelivery } from "@/lib/webhooks/manage";

/** Newest first; `?limit=&cursor=`, next page in `Link`. */
export const GET = apiRoute<{ id: string }>({ permission: "keys.manage" }, async ({ auth, params, url }) => {
  const { deliveries, nextCursor } = await listDeliveriesPage(auth.org.id, params.id, pageParams(url));
  return json(deliveries.map(serializeDelivery), { headers: nextPageHeaders(url, nextCursor) });
});

export * from "@/lib/api/other-methods";
