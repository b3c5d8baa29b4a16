import { z } from "zod";
import { defineRoute } from "@/lib/api/contract/define";
import { Scope } from "@/lib/api/contract/schemas";

const role = z.enum(["owner", "admin", "member"]);

export const identityContracts = [
  defineRoute("/api/whoami", {
    GET: {
      operationId: "whoami",
      tag: "Identity",
      summary: "The organisation, credential and user a credential resolves to",
      auth: "bearer",
      responses: {
        200: {
          description: "Who the credential acts as.",
          schema: z.object({
            data: z.object({
              type: z.literal("whoami"),
              organization_id: z.string(),
              organization_slug: z.string(),
              api_key_name: z.string(),
              api_key_id: z.string(),
              credential_type: z.enum(["api_key", "oauth_client"]),
              key_kind: z.enum(["personal", "integration", "oauth_client"]),
              user_id: z.string(),
              user_email: z.string().nullable(),
              role,
              scopes: z.array(Scope),
            }),
          }),
          example: {
            data: {
              type: "whoami",
              organization_id: "cm3org00000000000000000a",
              organization_slug: "acme",
              api_key_name: "Storefront",
              api_key_id: "cm3key00000000000000000a",
              credential_type: "api_key",
              key_kind: "integration",
              user_id: "cm3user0000000000000000a",
              user_email: "owner@example.com",
              role: "owner",
              scopes: ["read", "write"],
            },
          },
        },
      },
    },
  }),
  defineRoute("/api/v1/users/me", {
    GET: {
      operationId: "getCurrentUser",
      tag: "Identity",
      summary: "The calling user, their role and organisation",
      auth: "bearer",
      responses: {
        200: {
          description: "The user.",
          schema: z.object({
            id: z.string(),
            email: z.string().nullable(),
            role,
            organization: z.object({ id: z.string(), slug: z.string(), name: z.string() }),
          }),
          example: {
            id: "cm3user0000000000000000a",
            email: "owner@example.com",
            role: "owner",
            organization: { id: "cm3org00000000000000000a", slug: "acme", name: "Acme Audio" },
          },
        },
      },
    },
  }),
];
