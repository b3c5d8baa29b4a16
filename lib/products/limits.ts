import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";

/**
 * Per-organisation caps, so every list stays walkable and no tenant can fill the
 * database. Overridable by environment (positive integers) for large catalogues.
 */
const cap = (name: string, fallback: number) => () => {
  const raw = process.env[name];
  return raw && /^[1-9]\d{0,6}$/.test(raw) ? Number(raw) : fallback;
};
export const maxProductsPerOrg = cap("MAX_PRODUCTS_PER_ORG", 1000);
export const maxVersionsPerProduct = cap("MAX_VERSIONS_PER_PRODUCT", 200);
export const maxFilesPerVersion = cap("MAX_FILES_PER_VERSION", 100);

export const capReached = (what: string, max: number, hint: string) =>
  new AppError("CONFLICT", `Limit reached: an organisation may have at most ${max} ${what}. ${hint}`);

/** Row locks that serialise the count-then-insert of a cap (and a release against an upload). */
export async function lockRow(tx: Prisma.TransactionClient, table: "Organization" | "Product", id: string): Promise<void> {
  if (table === "Organization") await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${id} FOR UPDATE`;
  else await tx.$queryRaw`SELECT id FROM "Product" WHERE id = ${id} FOR UPDATE`;
}
