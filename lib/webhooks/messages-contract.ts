import "zod-openapi";
import { z } from "zod";
import { Purchase } from "@/lib/api/contract/schemas";
import { ATTEMPT_TIMEOUT_MS } from "./http-attempt";
import { MAX_ATTEMPTS } from "./retry-schedule";
import type { WebhookEventType } from "./event-types";
import { TEST_EVENT_TYPE } from "./events";

/**
 * What Continuata POSTs to a seller's endpoints, for the `webhooks` section of the OpenAPI
 * document (lib/api/openapi.ts). The data shapes are what lib/purchases, lib/downloads,
 * lib/products and lib/keys pass to emitWebhookEvent; the headers are lib/webhooks/sign.ts's.
 */

const at = "2026-11-02T10:15:00.000Z";
const purchaseExample = {
  id: "cm3purchase0000000000000a",
  email: "buyer@example.com",
  productId: "epic-drums-v1",
  productName: "Epic Drum Kit",
  externalId: "order_1042",
  source: "api",
  revokedAt: null,
  createdAt: at,
};

interface MessageContract {
  summary: string;
  data: z.ZodType;
  example: Record<string, unknown>;
}

export const WEBHOOK_MESSAGES: Record<WebhookEventType | typeof TEST_EVENT_TYPE, MessageContract> = {
  "purchase.created": {
    summary: "A purchase was recorded (API, dashboard, Stripe or another integration).",
    data: Purchase,
    example: purchaseExample,
  },
  "purchase.revoked": {
    summary: "A purchase was revoked: its download links stop working.",
    data: Purchase,
    example: { ...purchaseExample, revokedAt: at },
  },
  "download.completed": {
    summary: "A buyer downloaded a whole file (counted once per file and link).",
    data: z.object({
      tokenId: z.string().meta({ description: "The download link's id, never the link itself." }),
      tokenSource: z.string(),
      email: z.string().nullable(),
      productId: z.string(),
      productName: z.string(),
      version: z.string(),
      file: z.object({ id: z.string(), name: z.string(), size: z.int().meta({ description: "Bytes." }) }),
    }),
    example: {
      tokenId: "cm3token0000000000000000a",
      tokenSource: "purchase",
      email: "buyer@example.com",
      productId: "epic-drums-v1",
      productName: "Epic Drum Kit",
      version: "1.0.0",
      file: { id: "cm3file00000000000000000a", name: "EpicDrums.zip", size: 48213004 },
    },
  },
  "version.activated": {
    summary: "A product's active version changed.",
    data: z.object({ productId: z.string(), productName: z.string(), version: z.string(), previousVersion: z.string().nullable() }),
    example: { productId: "epic-drums-v1", productName: "Epic Drum Kit", version: "1.1.0", previousVersion: "1.0.0" },
  },
  "key.revoked": {
    summary: "An API key was revoked.",
    data: z.object({ id: z.string(), name: z.string(), kind: z.enum(["personal", "integration"]), revokedAt: z.string() }),
    example: { id: "cm3key00000000000000000a", name: "Storefront", kind: "integration", revokedAt: at },
  },
  [TEST_EVENT_TYPE]: {
    summary: "Sent by “Send test event” (POST /api/webhooks/{id}/test) only; nothing subscribes to it.",
    data: z.object({ endpointId: z.string(), message: z.string() }),
    example: { endpointId: "cm3hook0000000000000000a", message: "A test event from Continuata." },
  },
};

export const messageHeaders = z.object({
  "webhook-id": z.string().meta({
    description: "The message id: the same on every retry and resend, so a receiver drops duplicates.",
    example: "msg_2b0Yq3m9Xv1cJ7dLh5Kp8w",
  }),
  "webhook-timestamp": z.string().meta({ description: "Unix seconds when this attempt was signed.", example: "1793614500" }),
  "webhook-signature": z.string().meta({
    description:
      'Standard Webhooks: `v1,<base64 HMAC-SHA256 of "{webhook-id}.{webhook-timestamp}.{body}">` with the endpoint\'s secret ' +
      "(the part after `whsec_`, base64-decoded); during a secret rotation's grace period two entries, space-separated.",
    example: "v1,K5oZfzN95Z9UVu1EsfQmfVNQhnkZ2pj9o9NDN/H/pI4=",
  }),
});

export const DELIVERY_NOTE =
  `Answer 2xx within ${ATTEMPT_TIMEOUT_MS / 1000} s to acknowledge. Anything else is retried with growing delays, ` +
  `${MAX_ATTEMPTS} attempts over about 24 hours; a delivery can be resent from the dashboard or POST …/resend (same webhook-id).`;

export const messageBody = (type: string, m: MessageContract) =>
  z
    .object({
      type: z.literal(type),
      timestamp: z.iso.datetime().meta({ description: "When the event happened." }),
      data: m.data,
    })
    .meta({ id: `WebhookMessage_${type.replace(/\./g, "_")}` });
