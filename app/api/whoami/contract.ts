import { z } from "zod";
import { defineRoute } from "@/lib/api/contract/define";
import { Role, Scope } from "@/lib/api/contract/schemas";

export const whoamiContract = defineRoute("/api/whoami", {
  GET: {
    operationId: "whoami",
    tag: "Identity",
    summary: "The organisation, credential and user a credential resolves to",
    auth: "bearer",
    permission: "self.read",
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
            role: Role,
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
});
