import { z } from "zod";
import { GRACE_PERIODS, type GracePeriod } from "@/lib/keys/state";
import { WEBHOOK_EVENT_TYPES } from "./events";

/**
 * Request and response shapes of /api/webhooks*, as zod: the routes validate with
 * them and the OpenAPI document is generated from them.
 */
const urlSchema = z
  .string("url must be text.")
  .trim()
  .max(2000, "url is at most 2000 characters.")
  .refine((s) => {
    try {
      const u = new URL(s);
      return (u.protocol === "https:" || u.protocol === "http:") && !u.username && !u.password;
    } catch {
      return false;
    }
  }, "url must be an absolute http(s) URL without credentials.");

const eventsSchema = z
  .array(
    z.enum(WEBHOOK_EVENT_TYPES, `events must be some of: ${WEBHOOK_EVENT_TYPES.join(", ")}.`),
    "events must be an array of event types.",
  )
  .min(1, "Choose at least one event.")
  .transform((list) => [...new Set(list)]);

const descriptionSchema = z
  .string("description must be text.")
  .trim()
  .max(200, "description is at most 200 characters.")
  .transform((s) => s || null)
  .nullable();

export const createWebhookRequest = z.object({ url: urlSchema, events: eventsSchema, description: descriptionSchema.optional() }).strict();

export const updateWebhookRequest = z
  .object({
    url: urlSchema.optional(),
    events: eventsSchema.optional(),
    description: descriptionSchema.optional(),
    disabled: z.boolean("disabled must be true or false.").optional(),
  })
  .strict();

export const rotateWebhookSecretRequest = z
  .object({
    gracePeriod: z
      .enum(Object.keys(GRACE_PERIODS) as [GracePeriod, ...GracePeriod[]], "Grace period must be one of 0, 1h, 24h, 7d.")
      .default("24h"),
  })
  .strict();

export const webhookEndpointResponse = z.object({
  id: z.string(),
  url: z.string(),
  description: z.string().nullable(),
  events: z.array(z.enum(WEBHOOK_EVENT_TYPES)),
  state: z.enum(["active", "disabled", "failing"]),
  failingSince: z.iso.datetime().nullable(),
  failingReason: z.string().nullable(),
  previousSecretExpiresAt: z.iso.datetime().nullable(),
  createdAt: z.iso.datetime(),
});

/** POST /api/webhooks and …/rotate: the endpoint plus its signing secret, shown this once. */
export const webhookWithSecretResponse = webhookEndpointResponse.extend({ secret: z.string().regex(/^whsec_/) });

export const webhookDeliveryResponse = z.object({
  id: z.string(),
  /** The webhook-id header: the same on every attempt. */
  eventId: z.string(),
  eventType: z.string(),
  status: z.enum(["pending", "succeeded", "failed"]),
  attempts: z.number().int(),
  nextAttemptAt: z.iso.datetime().nullable(),
  lastAttemptAt: z.iso.datetime().nullable(),
  responseStatus: z.number().int().nullable(),
  responseMs: z.number().int().nullable(),
  responseExcerpt: z.string().nullable(),
  error: z.string().nullable(),
  createdAt: z.iso.datetime(),
});

export type WebhookEndpointBody = z.infer<typeof webhookEndpointResponse>;
export type WebhookDeliveryBody = z.infer<typeof webhookDeliveryResponse>;
