import { apiRoute, json } from "@/lib/api/route";
import { sendTestEvent, serializeDelivery } from "@/lib/webhooks/manage";

/** Queues a signed "webhook.test" event for this endpoint → 202 with the pending delivery. */
export const POST = apiRoute<{ id: string }>({ permission: "keys.manage" }, async ({ auth, params }) =>
  json(serializeDelivery(await sendTestEvent(auth.actor, auth.org.id, params.id)), { status: 202 }),
);

export * from "@/lib/api/other-methods";
