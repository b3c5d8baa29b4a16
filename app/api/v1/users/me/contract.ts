import { z } from "zod";
import { defineRoute } from "@/lib/api/contract/define";
import { Role } from "@/lib/api/contract/schemas";

export const currentUserContract = defineRoute("/api/v1/users/me", {
  GET: {
    operationId: "getCurrentUser",
    tag: "Identity",
    summary: "The calling user, their role and organisation",
    auth: "bearer",
    permission: "self.read",
    responses: {
      200: {
        description: "The user.",
        schema: z.object({
          id: z.string(),
          email: z.string().nullable(),
          role: Role,
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
});
