import { z } from "zod";
import { defineRoute } from "@/lib/api/contract/define";
import { apiMeta } from "@/lib/api/meta";

const check = z.object({ status: z.enum(["ok", "down"]), latency_ms: z.number(), error: z.string().optional() });

export const systemContracts = [
  defineRoute("/api/health", {
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
  }),
  defineRoute("/api/meta", {
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
  }),
  defineRoute("/api/openapi.json", {
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
  }),
];
