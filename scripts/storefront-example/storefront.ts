import type { Client } from "openapi-fetch";
import type { components, paths } from "./api";

/**
 * A storefront's whole integration, written only against the generated types: every
 * path, parameter, body and answer below is checked by `tsc --strict`.
 */
export type Api = Client<paths>;
type Problem = components["schemas"]["Problem"];

export interface StorefrontRun {
  listed: number;
  product: components["schemas"]["ProductEntry"];
  file: components["schemas"]["ProductFile"];
  downloadUrl: string;
  downloadPage: string;
  purchase: components["schemas"]["RecordedPurchase"];
  history: components["schemas"]["RequestSummary"][];
}

/** The data, or an Error naming the step and the problem's code and detail. */
function must<T>(step: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data !== undefined) return result.data;
  const problem = result.error as Partial<Problem> | undefined;
  throw new Error(`${step}: ${result.response.status} ${problem?.code ?? ""} ${problem?.detail ?? JSON.stringify(result.error)}`);
}

export async function runStorefront(api: Api, slug: string, buyer: string): Promise<StorefrontRun> {
  const listed = must("list products", await api.GET("/api/products", { params: { query: { limit: 20 } } }));

  const product = must("create product", await api.POST("/api/products", { body: { id: slug, name: "Epic Drum Kit" } }));
  const version = must(
    "create version",
    await api.POST("/api/products/{id}/versions", { params: { path: { id: product.product.id } }, body: { version: "1.0.0" } }),
  );

  const bytes = new TextEncoder().encode("PK\u0003\u0004 drums");
  const file = must(
    "upload file",
    await api.PUT("/api/products/{id}/versions/{version}/files/{filename}", {
      params: { path: { id: slug, version: version.version, filename: "drums.zip" } },
      body: new Blob([bytes], { type: "application/zip" }),
      bodySerializer: (body) => body,
      headers: { "Content-Type": "application/zip" },
    }),
  );

  const active = must(
    "activate",
    await api.POST("/api/products/{id}/versions/{version}/activate", { params: { path: { id: slug, version: "1.0.0" } } }),
  );

  const link = must(
    "generate download URL",
    await api.POST("/api/generate-download-url", {
      params: { header: { "Idempotency-Key": `download-${slug}` } },
      body: { productId: slug, version: "1.0.0", email: buyer, maxDownloads: 3 },
    }),
  );
  const downloadPage = must(
    "open the download page",
    await api.GET("/download", { params: { query: { token: link.token } }, parseAs: "text" }),
  );

  const purchase = must(
    "record purchase",
    await api.POST("/api/purchases", {
      params: { header: { "Idempotency-Key": `order-${slug}` } },
      body: { email: buyer, productId: slug, externalId: `order-${slug}` },
    }),
  );

  const history = must("read request history", await api.GET("/api/requests", { params: { query: { method: "POST", limit: 10 } } }));

  return { listed: listed.length, product: active, file, downloadUrl: link.url, downloadPage, purchase, history };
}
