import { z } from "zod";
import { defineRoute, type OperationContract } from "@/lib/api/contract/define";
import { pageQuery } from "@/lib/api/contract/schemas";
import {
  createWebhookRequest,
  rotateWebhookSecretRequest,
  updateWebhookRequest,
  webhookDeliveryResponse,
  webhookEndpointResponse,
  webhookWithSecretResponse,
} from "@/lib/webhooks/schemas";

const WebhookEndpoint = webhookEndpointResponse.meta({
  id: "WebhookEndpoint",
  description: "`failing`: a delivery used up its retries (`failingSince`, `failingReason`); the next successful delivery clears it.",
});
const NewWebhookEndpoint = webhookWithSecretResponse.meta({
  id: "NewWebhookEndpoint",
  description: "The endpoint with its signing secret (`whsec_…`): only in this answer, never again.",
});
const WebhookDelivery = webhookDeliveryResponse.meta({
  id: "WebhookDelivery",
  description: "One delivery of an event to the endpoint. `eventId` is the `webhook-id` header, the same on every attempt and resend.",
});

const at = "2026-11-02T10:15:00.000Z";
const endpointExample = {
  id: "cm3hook0000000000000000a",
  url: "https://shop.example.com/hooks/continuata",
  description: "Fulfilment",
  events: ["purchase.created", "purchase.revoked"],
  state: "active",
  failingSince: null,
  failingReason: null,
  previousSecretExpiresAt: null,
  createdAt: at,
};
const withSecretExample = { ...endpointExample, secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" };
const deliveryExample = {
  id: "cm3delivery0000000000000a",
  eventId: "msg_2b0Yq3m9Xv1cJ7dLh5Kp8w",
  eventType: "purchase.created",
  status: "pending",
  attempts: 0,
  nextAttemptAt: at,
  lastAttemptAt: null,
  responseStatus: null,
  responseMs: null,
  responseExcerpt: null,
  error: null,
  createdAt: at,
};

const id = z.string().meta({ description: "The endpoint's id.", example: endpointExample.id });
const path = z.object({ id });
const base = { tag: "Webhooks", auth: "bearer", permission: "keys.manage" } as const;
const one = (operationId: string, summary: string, description?: string): OperationContract => ({
  ...base,
  operationId,
  summary,
  description,
  path,
  responses: { 200: { description: "The endpoint.", schema: WebhookEndpoint, example: endpointExample } },
  errors: [404],
});

export const webhookContracts = [
  defineRoute("/api/webhooks", {
    GET: {
      ...base,
      operationId: "listWebhookEndpoints",
      summary: "List webhook endpoints",
      description: "Newest first. An organisation has at most 20, so this is one page.",
      responses: { 200: { description: "Every endpoint.", schema: z.array(WebhookEndpoint), example: [endpointExample] } },
    },
    POST: {
      ...base,
      operationId: "createWebhookEndpoint",
      summary: "Add a webhook endpoint",
      description:
        "Signed events of the chosen types are POSTed to `url` (Standard Webhooks: `webhook-id`, `webhook-timestamp`, " +
        "`webhook-signature`). The signing secret is in this answer only. 409 when the organisation has 20 endpoints.",
      body: {
        schema: createWebhookRequest,
        example: {
          url: "https://shop.example.com/hooks/continuata",
          events: ["purchase.created", "purchase.revoked"],
          description: "Fulfilment",
        },
      },
      responses: { 201: { description: "The endpoint, with its signing secret.", schema: NewWebhookEndpoint, example: withSecretExample } },
      errors: [409],
    },
  }),
  defineRoute("/api/webhooks/{id}", {
    GET: one("getWebhookEndpoint", "Get a webhook endpoint"),
    PATCH: {
      ...one(
        "updateWebhookEndpoint",
        "Change a webhook endpoint",
        "`disabled: true`: no new events are queued for it and deliveries still pending fail (resend them once it is enabled again).",
      ),
      body: { schema: updateWebhookRequest, example: { events: ["purchase.created", "key.revoked"], disabled: false } },
    },
    DELETE: {
      ...one("deleteWebhookEndpoint", "Delete a webhook endpoint", "Its delivery history goes too; pending deliveries are dropped."),
      responses: { 204: { description: "Deleted." } },
    },
  }),
  defineRoute("/api/webhooks/{id}/rotate", {
    POST: {
      ...one(
        "rotateWebhookSecret",
        "Rotate an endpoint's signing secret",
        "Both secrets sign every message (two `webhook-signature` entries) until the grace period ends (default 24h).",
      ),
      body: { schema: rotateWebhookSecretRequest, example: { gracePeriod: "24h" } },
      responses: {
        201: {
          description: "The endpoint, with its new signing secret.",
          schema: NewWebhookEndpoint,
          example: { ...withSecretExample, previousSecretExpiresAt: "2026-11-03T10:15:00.000Z" },
        },
      },
    },
  }),
  defineRoute("/api/webhooks/{id}/test", {
    POST: {
      ...one("sendWebhookTestEvent", "Send a test event", "Queues a signed `webhook.test` event for this endpoint alone."),
      responses: {
        202: {
          description: "The queued delivery.",
          schema: WebhookDelivery,
          example: { ...deliveryExample, eventType: "webhook.test" },
        },
      },
    },
  }),
  defineRoute("/api/webhooks/{id}/deliveries", {
    GET: {
      ...one("listWebhookDeliveries", "List an endpoint's deliveries", "Newest first."),
      paged: true,
      query: pageQuery,
      responses: { 200: { description: "A page of deliveries.", schema: z.array(WebhookDelivery), example: [deliveryExample] } },
      errors: [404, 422],
    },
  }),
  defineRoute("/api/webhooks/{id}/deliveries/{deliveryId}/resend", {
    POST: {
      ...one(
        "resendWebhookDelivery",
        "Resend a delivery",
        "A new delivery of the same event, with the same `webhook-id` (receivers that saw it drop it). " +
          "409 while the delivery is being attempted.",
      ),
      path: z.object({ id, deliveryId: z.string().meta({ description: "The delivery's id.", example: deliveryExample.id }) }),
      responses: { 202: { description: "The new pending delivery.", schema: WebhookDelivery, example: deliveryExample } },
      errors: [404, 409],
    },
  }),
];
