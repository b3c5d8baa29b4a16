import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { isUsedUp } from "./tokens";

export const TOKEN_STATUSES = ["live", "expired", "revoked", "exhausted"] as const;
export type TokenStatus = (typeof TOKEN_STATUSES)[number];
export const TOKEN_SOURCES = ["portal", "test", "api", "dashboard", "email"] as const;

export interface TokenFilter {
  status?: string;
  source?: string;
  /** A product's slug. */
  product?: string;
  /** Any part of the customer's email. */
  email?: string;
}

/**
 * Live tokens with a download limit whose every file has used it up. Only these need the per-file
 * counts; the query is bounded by the organisation's live limited tokens, not all its tokens.
 */
async function exhaustedIds(orgId: string, now: Date): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT t.id FROM "DownloadToken" t
    WHERE t."orgId" = ${orgId} AND t."revokedAt" IS NULL AND t."expiresAt" > ${now} AND t."maxDownloads" IS NOT NULL
      AND (SELECT count(*) FROM "ProductFile" f WHERE f."versionId" = t."versionId") > 0
      AND (SELECT count(*) FROM "DownloadFileCount" c WHERE c."tokenId" = t.id AND c."count" >= t."maxDownloads")
        >= (SELECT count(*) FROM "ProductFile" f WHERE f."versionId" = t."versionId")`;
  return rows.map((r) => r.id);
}

async function statusWhere(orgId: string, status: string | undefined, now: Date): Promise<Prisma.DownloadTokenWhereInput> {
  switch (status) {
    case "revoked":
      return { revokedAt: { not: null } };
    case "expired":
      return { revokedAt: null, expiresAt: { lte: now } };
    case "exhausted":
      return { id: { in: await exhaustedIds(orgId, now) } };
    case "live":
      return { revokedAt: null, expiresAt: { gt: now }, id: { notIn: await exhaustedIds(orgId, now) } };
    default:
      return {};
  }
}

const include = {
  version: { select: { version: true, product: { select: { slug: true, name: true } }, _count: { select: { files: true } } } },
  fileCounts: { select: { count: true } },
} as const;

/** Newest first, a page at a time; each row carries its status as the download page would decide it. */
export async function listDownloadTokensPage(
  orgId: string,
  opts: { limit: number; cursor?: string; filter?: TokenFilter },
  now = new Date(),
) {
  const f = opts.filter ?? {};
  const email = f.email
    ?.trim()
    .toLowerCase()
    .slice(0, 320)
    .replace(/[\\%_]/g, "\\$&");
  const rows = await db.downloadToken.findMany({
    where: {
      orgId,
      ...(await statusWhere(orgId, f.status, now)),
      ...(f.source && (TOKEN_SOURCES as readonly string[]).includes(f.source) ? { source: f.source } : {}),
      ...(f.product ? { version: { product: { slug: f.product.slice(0, 100) } } } : {}),
      ...(email ? { customerEmail: { contains: email } } : {}),
    },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
    include,
  });
  const tokens = rows.slice(0, opts.limit).map((t) => ({ ...t, status: tokenStatus(t, now) }));
  return { tokens, nextCursor: rows.length > opts.limit ? tokens[tokens.length - 1].id : null };
}

export function tokenStatus(t: Parameters<typeof isUsedUp>[0] & { revokedAt: Date | null; expiresAt: Date }, now: Date): TokenStatus {
  if (t.revokedAt) return "revoked";
  if (t.expiresAt <= now) return "expired";
  return isUsedUp(t) ? "exhausted" : "live";
}
