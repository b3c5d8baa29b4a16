import { apiRoute, json } from "@/lib/api/route";
import { resendDelivery, serializeDelivery } from "@/lib/webhooks/manage";

/** Sends the delivery's event again, same webhook-id → 202 with the new pending delivery. */
export const POST = apiRoute<{ id: string; deliveryId: string }>({ permission: "keys.manage" }, async ({ auth, params }) =>
  json(serializeDelivery(await resendDelivery(auth.actor, auth.org.id, params.id, params.deliveryId)), { status: 202 }),
);

export * from "@/lib/api/other-methods";
