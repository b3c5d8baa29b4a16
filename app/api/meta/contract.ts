import { z } from "zod";
import { defineRoute } from "@/lib/api/contract/define";
import { apiMeta } from "@/lib/api/meta";

export const metaContract = defineRoute("/api/meta", {
  GET: {
    operationId: "meta",
    tag: "System",
    summary: "Name, version, API version and rate-limit policy",
    auth: "none",
    responses: {
      200: {
        description: "About this deployment.",
        schema: z.object({
          name: z.string(),
          version: z.string(),
          apiVersion: z.string(),
          rateLimit: z.object({ limit: z.int(), windowSeconds: z.int(), scope: z.string() }),
          authentication: z.string(),
          openapi: z.string(),
        }),
        example: apiMeta(),
      },
    },
  },
});
