import { z } from "zod";
import { defineRoute } from "@/lib/api/contract/define";
import { downloadOptionsSchema } from "@/lib/downloads/tokens";
import { productSlug, semver } from "@/lib/products/products";

export const downloadUrlContracts = [
  defineRoute("/api/generate-download-url", {
    POST: {
      operationId: "generateDownloadUrl",
      tag: "Downloads",
      summary: "Generate a download URL",
      description: "A link to one version's files, valid 24 hours; optionally tied to a buyer's email and a download limit per file.",
      auth: "bearer",
      permission: "catalog.write",
      body: {
        schema: z.object({
          productId: productSlug,
          version: semver,
          email: downloadOptionsSchema.shape.email,
          maxDownloads: downloadOptionsSchema.shape.maxDownloads,
        }),
        example: { productId: "epic-drums-v1", version: "1.0.0", email: "buyer@example.com", maxDownloads: 5 },
      },
      responses: {
        201: {
          description: "The URL; `token` is its secret part.",
          schema: z.object({
            url: z.url(),
            token: z.string(),
            expiresAt: z.iso.datetime({ offset: true }),
            productId: z.string(),
            version: z.string(),
          }),
          example: {
            url: "https://continuata.example.com/download?token=ct_9sKq2mZ4Lr0PxYt7VwQe3NbHc5JdFg8KsAo1Um",
            token: "ct_9sKq2mZ4Lr0PxYt7VwQe3NbHc5JdFg8KsAo1Um",
            expiresAt: "2026-11-03T10:15:00.000Z",
            productId: "epic-drums-v1",
            version: "1.0.0",
          },
        },
      },
      errors: [404, 409],
    },
  }),
];
