import { z } from "zod";
import { defineRoute } from "@/lib/api/contract/define";

const check = z.object({ status: z.enum(["ok", "down"]), latency_ms: z.number(), error: z.string().optional() });

export const healthContract = defineRoute("/api/health", {
  GET: {
    operationId: "health",
    tag: "System",
    summary: "Liveness, with a database check",
    description: '"degraded" when only the rate-limit backend is down (requests are let through); 503 when the database is down.',
    auth: "none",
    responses: {
      200: {
        description: "The app answers and reaches its database.",
        schema: z.object({
          status: z.enum(["ok", "degraded"]),
          checks: z.object({ database: check, rateLimit: z.object({ status: z.enum(["ok", "degraded"]), backend: z.string() }) }),
        }),
        example: { status: "ok", checks: { database: { status: "ok", latency_ms: 2 }, rateLimit: { status: "ok", backend: "memory" } } },
      },
    },
    errors: [503],
  },
});
