import { z } from "zod";
import { defineRoute, type OperationContract } from "@/lib/api/contract/define";
import { ApiKey, NewApiKey, pageQuery } from "@/lib/api/contract/schemas";
import { apiKeyExample, newApiKeyExample } from "@/lib/api/contract/examples";
import { keyCreateSchema, keyRollSchema } from "@/lib/keys/manage";
import { keyUpdateSchema } from "@/lib/keys/update";

const path = z.object({ id: z.string().meta({ description: "The key's id.", example: "cm3key00000000000000000a" }) });
const one = (operationId: string, summary: string, description?: string): OperationContract => ({
  operationId,
  tag: "Keys",
  summary,
  description,
  auth: "bearer",
  permission: "keys.manage",
  path,
  responses: { 200: { description: "The key.", schema: ApiKey, example: apiKeyExample } },
  errors: [404, 409],
});

export const keyContracts = [
  defineRoute("/api/keys", {
    GET: {
      operationId: "listKeys",
      tag: "Keys",
      summary: "List API keys",
      description: "Newest first; personal keys of every member and the organisation's integration keys.",
      auth: "bearer",
      permission: "keys.manage",
      paged: true,
      query: pageQuery.extend({
        kind: z.enum(["personal", "integration"]).optional().meta({ description: "Only keys of this kind (other values are ignored)." }),
        include_revoked: z.enum(["true", "false"]).optional().meta({ description: "`true` lists revoked keys too." }),
      }),
      responses: { 200: { description: "A page of keys.", schema: z.array(ApiKey), example: [apiKeyExample] } },
      errors: [422],
    },
    POST: {
      operationId: "createKey",
      tag: "Keys",
      summary: "Create an integration key",
      description: "The key acts as the caller's user. The full secret is in this answer only.",
      auth: "bearer",
      permission: "keys.manage",
      body: { schema: keyCreateSchema, example: { name: "Storefront", scopes: ["read", "write"], expiresAt: null } },
      responses: { 201: { description: "The new key, with its secret.", schema: NewApiKey, example: newApiKeyExample } },
      errors: [409],
    },
  }),
  defineRoute("/api/keys/{id}", {
    GET: { ...one("getKey", "Get an API key"), errors: [404] },
    PATCH: {
      ...one(
        "updateKey",
        "Change a key's name, scopes, expiry or rate limit",
        "Only the fields sent change. `scopes` are expanded (admin implies write implies read) and bounded by the role of the key's user; " +
          "the next request with the key has the new scopes. `expiresAt` must be in the future; `null` means the key never expires. " +
          "`rateLimitPerMinute: null` goes back to the organisation's limit. A replaced or expired key's scopes and expiry cannot change (409).",
      ),
      body: {
        schema: keyUpdateSchema,
        example: { name: "Renamed", scopes: ["read"], expiresAt: "2030-01-31T00:00:00Z", rateLimitPerMinute: 120 },
      },
    },
    DELETE: one("revokeKey", "Revoke a key", "Permanent: the key then answers 401 like an unknown one. Answers the revoked key."),
  }),
  defineRoute("/api/keys/{id}/disable", { POST: one("disableKey", "Disable a key", "Reversible: a disabled key answers 401.") }),
  defineRoute("/api/keys/{id}/enable", { POST: one("enableKey", "Enable a disabled key") }),
  defineRoute("/api/keys/{id}/roll", {
    POST: {
      ...one("rollKey", "Roll a key", "A new secret with the same settings; the old one works for the grace period (default: not at all)."),
      body: { schema: keyRollSchema, example: { gracePeriod: "1h" } },
      responses: { 201: { description: "The new key, with its secret.", schema: NewApiKey, example: newApiKeyExample } },
      errors: [404, 409],
    },
  }),
];
