import { z } from "zod";
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/body";
import { mintDownloadToken } from "@/lib/downloads/tokens";
import { productSlug, semver } from "@/lib/products/products";

const body = z.object({
  productId: productSlug,
  version: semver,
  email: z.unknown().optional(),
  maxDownloads: z.unknown().optional(),
});

/** `{"productId","version"}` → a 24-hour download URL (optional: email, maxDownloads). */
export const POST = apiRoute({ permission: "catalog.write" }, async ({ auth, req }) => {
  const b = await readJson(req, body);
  const minted = await mintDownloadToken({
    orgId: auth.org.id,
    productSlug: b.productId,
    version: b.version,
    source: "api",
    createdById: auth.user.id,
    options: { email: b.email ?? undefined, maxDownloads: b.maxDownloads ?? undefined },
  });
  return json(
    {
      url: minted.url,
      token: minted.token,
      expiresAt: minted.expiresAt.toISOString(),
      productId: minted.product.id,
      version: minted.version.version,
    },
    { status: 201 },
  );
});

export * from "@/lib/api/other-methods";
