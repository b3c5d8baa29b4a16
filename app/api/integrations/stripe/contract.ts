import { z } from "zod";
import { defineRoute } from "@/lib/api/contract/define";
import {
  connectStripeRequest,
  stripeEventResponse,
  stripeMappingRequest,
  stripeMappingResponse,
  stripeStateResponse,
  stripeWebhookResponse,
} from "@/lib/integrations/stripe/schemas";
import { MAX_EVENT_BYTES, SIGNATURE_TOLERANCE_SECONDS } from "@/lib/integrations/stripe/verify";

const StripeEvent = stripeEventResponse.meta({ id: "StripeEvent" });
const StripeMapping = stripeMappingResponse.meta({ id: "StripePriceMapping" });
const StripeState = stripeStateResponse.extend({ events: z.array(StripeEvent), mappings: z.array(StripeMapping) }).meta({
  id: "StripeState",
  description: "The connection (the signing secret only as `whsec_…abcd`), the price mappings and the 20 latest events.",
});
const StripeWebhookAck = stripeWebhookResponse.meta({ id: "StripeWebhookAck", description: "Stripe stops retrying on a 2xx." });

const at = "2026-11-02T10:15:00.000Z";
const mappingExample = {
  stripeId: "price_1QbC2dEfGhIjKlMn",
  productId: "epic-drums-v1",
  productName: "Epic Drum Kit",
  version: null,
  createdAt: at,
};
const stateExample = {
  connected: true,
  webhookUrl: "https://continuata.example.com/api/integrations/stripe/webhook/Hq3xT9bLw2mZ8vK4pR7sN1cY",
  secretHint: "whsec_…a1B2",
  connectedAt: at,
  events: [
    {
      id: "cm3stripeevent0000000000a",
      eventId: "evt_1QbC2dEfGhIjKlMn",
      type: "checkout.session.completed",
      livemode: false,
      outcome: "recorded",
      reason: "Purchase recorded.",
      email: "buyer@example.com",
      purchaseId: "cm3purchase0000000000000a",
      receivedAt: at,
    },
  ],
  mappings: [mappingExample],
};

const base = { tag: "Stripe", auth: "bearer", permission: "keys.manage" } as const;
const stripeId = z.object({
  stripeId: z
    .string()
    .meta({ description: "A Stripe price id (`price_…`) or Payment Link id (`plink_…`).", example: mappingExample.stripeId }),
});

export const stripeContracts = [
  defineRoute("/api/integrations/stripe", {
    GET: {
      ...base,
      operationId: "getStripeIntegration",
      summary: "Get the Stripe connection",
      description: "The webhook URL to enter in Stripe exists before connecting (it is made on first need).",
      responses: { 200: { description: "The connection.", schema: StripeState, example: stateExample } },
    },
    PUT: {
      ...base,
      operationId: "connectStripe",
      summary: "Connect Stripe (store the signing secret)",
      description: "Paste the signing secret of the webhook endpoint created in Stripe for `webhookUrl`. Replacing it keeps the URL.",
      body: { schema: connectStripeRequest, example: { webhookSecret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2La" } },
      responses: {
        200: { description: "The secret was replaced.", schema: StripeState, example: stateExample },
        201: { description: "Newly connected.", schema: StripeState, example: { ...stateExample, events: [], mappings: [] } },
      },
    },
    DELETE: {
      ...base,
      operationId: "disconnectStripe",
      summary: "Disconnect Stripe",
      description: "Forgets the secret and the webhook URL (it then answers 404; a new one is made). Events and mappings stay.",
      responses: { 204: { description: "Disconnected." } },
      errors: [404],
    },
  }),
  defineRoute("/api/integrations/stripe/prices/{stripeId}", {
    PUT: {
      ...base,
      operationId: "setStripePriceMapping",
      summary: "Deliver a product for a Stripe price",
      description: "Sales of this price or Payment Link deliver the product, at `version` or (null or absent) its active version.",
      path: stripeId,
      body: { schema: stripeMappingRequest, example: { productId: "epic-drums-v1", version: null } },
      responses: { 200: { description: "The mapping.", schema: StripeMapping, example: mappingExample } },
    },
    DELETE: {
      ...base,
      operationId: "deleteStripePriceMapping",
      summary: "Stop delivering for a Stripe price",
      path: stripeId,
      responses: { 204: { description: "Deleted." } },
      errors: [404, 422],
    },
  }),
  defineRoute("/api/integrations/stripe/webhook/{endpointId}", {
    POST: {
      tag: "Stripe",
      operationId: "receiveStripeEvent",
      summary: "Receive a Stripe event (called by Stripe)",
      description:
        "The URL is `webhookUrl` of the connection; no credential: the `Stripe-Signature` over the exact body authenticates " +
        `(timestamps older than ${SIGNATURE_TOLERANCE_SECONDS / 60} minutes are refused). Each event id is acted on once; a retry answers what came of it. ` +
        "400 while no secret is saved, so Stripe retries until it is.",
      auth: "none",
      path: z.object({ endpointId: z.string().meta({ description: "From `webhookUrl`.", example: "Hq3xT9bLw2mZ8vK4pR7sN1cY" }) }),
      headers: z.object({
        "Stripe-Signature": z.string().meta({
          description: "Set by Stripe: `t=…,v1=…`.",
          example: "t=1793614500,v1=5257a869e7ecebeda32affa62cdca3fa51cad7e77a0e56ff536d0ce8e108d8bd",
        }),
      }),
      body: {
        schema: z
          .looseObject({ id: z.string(), type: z.string(), livemode: z.boolean(), data: z.looseObject({ object: z.looseObject({}) }) })
          .meta({ description: `A Stripe event, at most ${MAX_EVENT_BYTES / 1024} KiB, read as the exact signed bytes.` }),
        example: {
          id: "evt_1QbC2dEfGhIjKlMn",
          type: "checkout.session.completed",
          livemode: false,
          data: { object: { id: "cs_test_a1b2c3" } },
        },
      },
      responses: {
        200: {
          description: "Received (`outcome` says what came of it; `duplicate`: received before, nothing done again).",
          schema: StripeWebhookAck,
          example: { received: true, eventId: "evt_1QbC2dEfGhIjKlMn", outcome: "recorded", reason: "Purchase recorded.", duplicate: false },
        },
      },
      errors: [400, 404, 409, 413, 503],
    },
  }),
];
