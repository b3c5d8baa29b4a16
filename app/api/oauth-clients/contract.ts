import { z } from "zod";
import { defineRoute, type OperationContract } from "@/lib/api/contract/define";
import { NewOAuthClient, OAuthClient } from "@/lib/api/contract/schemas";
import { oauthClientExample } from "@/lib/api/contract/examples";
import { clientRotateSchema, oauthClientCreateSchema } from "@/lib/oauth/clients";

const path = z.object({
  id: z.string().meta({ description: "The client's id (not its client_id).", example: "cm3client000000000000000a" }),
});
const withSecret = { ...oauthClientExample, clientSecret: "cs_live_8Jd0Qw2Lm4Rt6Yu8Io0Pa2Sd4Fg6Hj8Kl9PqR" };
const one = (operationId: string, summary: string, description?: string): OperationContract => ({
  operationId,
  tag: "OAuth clients",
  summary,
  description,
  auth: "bearer",
  permission: "keys.manage",
  path,
  responses: { 200: { description: "The client.", schema: OAuthClient, example: oauthClientExample } },
  errors: [404],
});

export const oauthClientContracts = [
  defineRoute("/api/oauth-clients", {
    GET: {
      operationId: "listOAuthClients",
      tag: "OAuth clients",
      summary: "List OAuth clients",
      auth: "bearer",
      permission: "keys.manage",
      responses: { 200: { description: "Every client of the organisation.", schema: z.array(OAuthClient), example: [oauthClientExample] } },
    },
    POST: {
      operationId: "createOAuthClient",
      tag: "OAuth clients",
      summary: "Create an OAuth client",
      description: "The client acts as the caller's user. `clientSecret` is in this answer only.",
      auth: "bearer",
      permission: "keys.manage",
      body: { schema: oauthClientCreateSchema, example: { name: "Warehouse", scopes: ["read"] } },
      responses: { 201: { description: "The client, with its secret.", schema: NewOAuthClient, example: withSecret } },
      errors: [409],
    },
  }),
  defineRoute("/api/oauth-clients/{id}", {
    GET: one("getOAuthClient", "Get an OAuth client"),
    DELETE: {
      ...one("deleteOAuthClient", "Delete an OAuth client", "Its live access tokens stop working at once."),
      responses: { 204: { description: "Deleted." } },
    },
  }),
  defineRoute("/api/oauth-clients/{id}/disable", { POST: one("disableOAuthClient", "Disable an OAuth client") }),
  defineRoute("/api/oauth-clients/{id}/enable", { POST: one("enableOAuthClient", "Enable an OAuth client") }),
  defineRoute("/api/oauth-clients/{id}/rotate", {
    POST: {
      ...one("rotateOAuthClientSecret", "Rotate a client's secret", "The old secret works for the grace period (default: not at all)."),
      body: { schema: clientRotateSchema, example: { gracePeriod: "24h" } },
      responses: { 201: { description: "The client, with its new secret.", schema: NewOAuthClient, example: withSecret } },
    },
  }),
];
