import { z } from "zod";
import { productSlug, semver } from "@/lib/products/products";

/**
 * Request and response shapes of /api/integrations/stripe and its webhook, for the
 * handlers (validation) and for the OpenAPI document (registered with the other routes).
 */

export const stripeWebhookSecret = z
  .string("webhookSecret is required.")
  .trim()
  .regex(/^whsec_[A-Za-z0-9+/=_-]{8,250}$/, "Paste the endpoint's signing secret from Stripe: it starts with whsec_.");

/** PUT /api/integrations/stripe */
export const connectStripeRequest = z.object({ webhookSecret: stripeWebhookSecret });

/** A Stripe price (price_…) or Payment Link (plink_…) id. */
export const stripeObjectId = z
  .string("stripeId is required.")
  .trim()
  .regex(/^(price|plink)_[A-Za-z0-9]{1,200}$/, "Use a Stripe price id (price_…) or Payment Link id (plink_…).");

/** PUT /api/integrations/stripe/prices/{stripeId} */
export const stripeMappingRequest = z.object({
  productId: productSlug,
  version: semver.nullable().optional(),
});

export const STRIPE_EVENT_OUTCOMES = ["processing", "recorded", "ignored", "failed"] as const;

export const stripeEventResponse = z.object({
  id: z.string(),
  eventId: z.string().describe("Stripe's event id (evt_…)."),
  type: z.string(),
  livemode: z.boolean(),
  outcome: z.enum(STRIPE_EVENT_OUTCOMES),
  reason: z.string().nullable().describe("Why it was ignored or failed, or what was done."),
  email: z.string().nullable(),
  purchaseId: z.string().nullable(),
  receivedAt: z.string().describe("ISO 8601"),
});

export const stripeMappingResponse = z.object({
  stripeId: z.string(),
  productId: z.string().describe("The product's id (slug)."),
  productName: z.string(),
  version: z.string().nullable().describe("null: the product's active version."),
  createdAt: z.string(),
});

/** GET and PUT /api/integrations/stripe. The signing secret is never returned: only its last four characters. */
export const stripeStateResponse = z.object({
  connected: z.boolean().describe("A signing secret is stored: signed events are acted on."),
  webhookUrl: z.string().describe("The URL to enter as the endpoint in Stripe → Developers → Webhooks (exists before connecting)."),
  secretHint: z.string().nullable().describe("whsec_…abcd"),
  connectedAt: z.string().nullable(),
  events: z.array(stripeEventResponse).describe("The 20 most recent events received."),
  mappings: z.array(stripeMappingResponse),
});

/** What the webhook answers Stripe (2xx: Stripe stops retrying). */
export const stripeWebhookResponse = z.object({
  received: z.literal(true),
  eventId: z.string(),
  outcome: z.enum(STRIPE_EVENT_OUTCOMES),
  reason: z.string().nullable(),
  duplicate: z.boolean().describe("The event was received before: nothing was done again."),
});

export type StripeState = z.infer<typeof stripeStateResponse>;
export type StripeEventOutcome = (typeof STRIPE_EVENT_OUTCOMES)[number];
