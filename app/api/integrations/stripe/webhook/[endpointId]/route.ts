import { apiRoute, json } from "@/lib/api/route";
import { readBytes } from "@/lib/api/body";
import { handleStripeEvent } from "@/lib/integrations/stripe/events";
import { MAX_EVENT_BYTES, verifyStripeEvent } from "@/lib/integrations/stripe/verify";

/**
 * Stripe's deliveries. No bearer: the Stripe-Signature over the exact body authenticates,
 * and only then is the request recorded, in the organisation's history.
 */
export const POST = apiRoute<{ endpointId: string }>({ auth: false }, async ({ req, params, ip, logAs }) => {
  const raw = await readBytes(req, MAX_EVENT_BYTES);
  const { orgId, event } = await verifyStripeEvent(params.endpointId, raw, req.headers.get("stripe-signature"));
  logAs({ orgId, keyName: "Stripe" }, Buffer.from(raw).toString("utf8"));
  return json(await handleStripeEvent(orgId, event, ip));
});

export * from "@/lib/api/other-methods";
