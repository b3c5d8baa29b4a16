import { z } from "zod";
import { defineRoute } from "@/lib/api/contract/define";
import { OAuthError } from "@/lib/api/contract/schemas";

export const tokenContracts = [
  defineRoute("/oauth/token", {
    POST: {
      operationId: "issueAccessToken",
      tag: "OAuth",
      summary: "Exchange client credentials for an access token",
      description:
        "RFC 6749 §4.4 client-credentials grant. Authenticate the client with HTTP Basic (`client_id:client_secret`, " +
        "each form-urlencoded, then base64) or with `client_id` and `client_secret` in the form body, not both. " +
        "The token is a bearer credential for every other operation, with the client's scopes or the subset asked for. " +
        "Errors are RFC 6749 §5.2 `{error, error_description}`; 401 answers to Basic carry `WWW-Authenticate: Basic`.",
      auth: "client",
      body: {
        contentType: "application/x-www-form-urlencoded",
        required: true,
        schema: z.object({
          grant_type: z.literal("client_credentials"),
          scope: z.string().optional().meta({ description: "Space-separated subset of the client's scopes.", example: "read write" }),
          client_id: z.string().optional().meta({ description: "When not using HTTP Basic." }),
          client_secret: z.string().optional().meta({ description: "When not using HTTP Basic." }),
        }),
        example: { grant_type: "client_credentials", scope: "read" },
      },
      responses: {
        200: {
          description: "An access token (RFC 6749 §5.1).",
          schema: z.object({
            access_token: z.string(),
            token_type: z.literal("bearer"),
            expires_in: z.int().meta({ description: "Seconds." }),
            scope: z.string(),
          }),
          example: { access_token: "eyJhbGciOiJIUzI1NiJ9…", token_type: "bearer", expires_in: 3600, scope: "read" },
        },
      },
      errors: [400, 401, 429, 503],
      errorBody: {
        schema: OAuthError,
        contentType: "application/json",
        example: { error: "invalid_client", error_description: "Client authentication failed." },
      },
    },
  }),
];
