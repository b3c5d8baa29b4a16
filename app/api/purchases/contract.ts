import { z } from "zod";
import { defineRoute } from "@/lib/api/contract/define";
import { Purchase, RecordedPurchase, pageQuery } from "@/lib/api/contract/schemas";
import { purchaseExample } from "@/lib/api/contract/examples";
import { purchaseInputSchema } from "@/lib/purchases/purchases";

const recorded = { ...purchaseExample, emailSent: false, emailReason: null };

export const purchaseContracts = [
  defineRoute("/api/purchases", {
    GET: {
      operationId: "listPurchases",
      tag: "Purchases",
      summary: "List purchases",
      description: "Newest first.",
      auth: "bearer",
      permission: "catalog.read",
      paged: true,
      query: pageQuery.extend({
        email: z
          .string()
          .optional()
          .meta({ description: "Only this buyer's purchases (exact address, any case).", example: "buyer@example.com" }),
      }),
      responses: { 200: { description: "A page of purchases.", schema: z.array(Purchase), example: [purchaseExample] } },
      errors: [422],
    },
    POST: {
      operationId: "recordPurchase",
      tag: "Purchases",
      summary: "Record a purchase",
      description:
        "201 when new; 200 with the existing purchase when `externalId` was seen before (no second email). " +
        "`sendEmail: true` emails the buyer their download link; `emailSent`/`emailReason` say what happened.",
      auth: "bearer",
      permission: "catalog.write",
      body: {
        schema: purchaseInputSchema,
        example: { email: "buyer@example.com", productId: "epic-drums-v1", externalId: "order_1", sendEmail: false },
      },
      responses: {
        201: { description: "The purchase, recorded now.", schema: RecordedPurchase, example: recorded },
        200: { description: "The purchase recorded earlier with this externalId.", schema: RecordedPurchase, example: recorded },
      },
      errors: [404],
    },
  }),
  defineRoute("/api/purchases/{id}", {
    DELETE: {
      operationId: "revokePurchase",
      tag: "Purchases",
      summary: "Revoke a purchase",
      description: "The buyer no longer sees it at /my.",
      auth: "bearer",
      permission: "catalog.write",
      path: z.object({ id: z.string().meta({ description: "The purchase's id.", example: "cm3purchase0000000000000a" }) }),
      responses: {
        200: {
          description: "The revoked purchase.",
          schema: Purchase,
          example: { ...purchaseExample, revokedAt: purchaseExample.createdAt },
        },
      },
      errors: [404],
    },
  }),
];
