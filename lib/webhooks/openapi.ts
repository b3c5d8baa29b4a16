import { z } from "zod";
import {
  createWebhookRequest,
  rotateWebhookSecretRequest,
  updateWebhookRequest,
  webhookDeliveryResponse,
  webhookEndpointResponse,
  webhookWithSecretResponse,
} from "./schemas";

/** The /api/webhooks* paths for the OpenAPI document, generated from the zod schemas the routes validate with. */
export function webhookPaths(common: { security: unknown; errors: Record<string, unknown> }) {
  const schema = (s: z.ZodType, io: "input" | "output" = "output") => ({
    "application/json": { schema: z.toJSONSchema(s, { io, unrepresentable: "any" }) },
  });
  const id = { name: "id", in: "path", required: true, schema: { type: "string" } };
  const ok = (s: z.ZodType, status = "200") => ({ [status]: { description: "OK", content: schema(s) }, ...common.errors });
  const base = { security: common.security };
  return {
    "/api/webhooks": {
      get: { ...base, summary: "Webhook endpoints", responses: ok(z.array(webhookEndpointResponse)) },
      post: {
        ...base,
        summary: "Add an endpoint; the signing secret (whsec_…) is in this response only",
        requestBody: { required: true, content: schema(createWebhookRequest, "input") },
        responses: ok(webhookWithSecretResponse, "201"),
      },
    },
    "/api/webhooks/{id}": {
      get: { ...base, summary: "One endpoint", parameters: [id], responses: ok(webhookEndpointResponse) },
      patch: {
        ...base,
        summary: "Change url, events, description or disabled",
        parameters: [id],
        requestBody: { required: true, content: schema(updateWebhookRequest, "input") },
        responses: ok(webhookEndpointResponse),
      },
      delete: {
        ...base,
        summary: "Delete the endpoint and its deliveries",
        parameters: [id],
        responses: { "204": { description: "Deleted" }, ...common.errors },
      },
    },
    "/api/webhooks/{id}/rotate": {
      post: {
        ...base,
        summary: "New signing secret; the old one also signs until the grace period ends",
        parameters: [id],
        requestBody: { content: schema(rotateWebhookSecretRequest, "input") },
        responses: ok(webhookWithSecretResponse, "201"),
      },
    },
    "/api/webhooks/{id}/test": {
      post: { ...base, summary: "Queue a webhook.test event", parameters: [id], responses: ok(webhookDeliveryResponse, "202") },
    },
    "/api/webhooks/{id}/deliveries": {
      get: {
        ...base,
        summary: "Recent deliveries, newest first (cursor pagination, Link header)",
        parameters: [id],
        responses: ok(z.array(webhookDeliveryResponse)),
      },
    },
    "/api/webhooks/{id}/deliveries/{deliveryId}/resend": {
      post: {
        ...base,
        summary: "Send the delivery's event again (same webhook-id)",
        parameters: [id, { name: "deliveryId", in: "path", required: true, schema: { type: "string" } }],
        responses: ok(webhookDeliveryResponse, "202"),
      },
    },
  };
}
