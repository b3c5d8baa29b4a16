import Stripe from "stripe";
import { z } from "zod";
import { AppError } from "@/lib/errors";
import { findWebhookEndpoint } from "./connection";

/** Stripe's default tolerance: a signed event older than this is refused (a captured request cannot be replayed later). */
export const SIGNATURE_TOLERANCE_SECONDS = 300;
/** Checkout Sessions and charges are a few kilobytes; this bounds what an unauthenticated caller can make us buffer. */
export const MAX_EVENT_BYTES = 512 * 1024;

const eventShape = z.object({
  id: z.string().min(1).max(255),
  type: z.string().min(1).max(255),
  livemode: z.boolean(),
  data: z.object({ object: z.record(z.string(), z.unknown()) }),
});

/**
 * The event, if `raw` (the body exactly as received) is signed with the endpoint's secret,
 * checked by Stripe's own library. 404 for an unknown webhook URL, 400 for a missing or bad
 * signature: nothing of such a request is recorded or acted on.
 */
export async function verifyStripeEvent(endpointId: string, raw: Uint8Array, signature: string | null) {
  const endpoint = await findWebhookEndpoint(endpointId);
  if (!endpoint) throw new AppError("NOT_FOUND", "No Stripe integration has this webhook URL (it may have been disconnected).");
  if (!signature) throw new AppError("BAD_REQUEST", "The Stripe-Signature header is missing.");
  if (endpoint.pending) {
    // 400, so Stripe retries: events sent before the secret is pasted still arrive.
    throw new AppError(
      "BAD_REQUEST",
      "No signing secret has been saved for this endpoint yet: paste it in Settings → Integrations → Stripe.",
    );
  }
  if (!endpoint.secret) {
    throw new AppError(
      "BAD_REQUEST",
      "The signing secret stored for this endpoint can no longer be read (the server's AUTH_SECRET changed): paste it again in Settings → Integrations → Stripe.",
    );
  }
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(Buffer.from(raw), signature, endpoint.secret, SIGNATURE_TOLERANCE_SECONDS);
  } catch (err) {
    if (err instanceof Stripe.errors.StripeSignatureVerificationError) {
      throw new AppError(
        "BAD_REQUEST",
        "The Stripe-Signature header does not verify: wrong signing secret, a changed body, or a timestamp older than 5 minutes.",
      );
    }
    throw new AppError("BAD_REQUEST", "The signed body is not a JSON Stripe event.");
  }
  if (!eventShape.safeParse(event).success)
    throw new AppError("BAD_REQUEST", "The signed body is not a Stripe event (id, type, livemode, data.object).");
  return { orgId: endpoint.orgId, event };
}
