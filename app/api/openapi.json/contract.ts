import { z } from "zod";
import { defineRoute } from "@/lib/api/contract/define";

export const openApiContract = defineRoute("/api/openapi.json", {
  GET: {
    operationId: "openapi",
    tag: "System",
    summary: "This document (OpenAPI 3.1)",
    auth: "none",
    responses: {
      200: {
        description: "The OpenAPI document, generated from the schemas the API validates with.",
        schema: z.object({ openapi: z.string(), info: z.object({ title: z.string(), version: z.string() }).loose() }).loose(),
        example: { openapi: "3.1.0", info: { title: "Continuata API", version: "2026-11-01" } },
      },
    },
  },
});
