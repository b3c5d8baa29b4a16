import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { appUrl } from "@/lib/config/app";
import { hashKey, mintKeyToken } from "@/lib/keys/format";
import { insertPurchase } from "@/lib/purchases/insert";
import { emailSchema } from "@/lib/validation/email";
import { parseOrThrow } from "@/lib/validation/parse";
import { requirePermission } from "@/lib/orgs/access";
import { markReleased } from "@/lib/products/release";
import { isSpent } from "./counts";
import { mintForReleasedVersion, type TokenFields } from "./mint-released";
import { recordAudit } from "@/lib/audit/record";

export const DEFAULT_TTL_HOURS = 24;

export const downloadOptionsSchema = z.object({
  expiresInHours: z
    .number("expiresInHours must be a number.")
    .min(0.01)
    .max(24 * 365, "At most a year.")
    .default(DEFAULT_TTL_HOURS),
  maxDownloads: z
    .number("maxDownloads must be a number.")
    .int("maxDownloads must be a whole number.")
    .min(1, "maxDownloads is at least 1.")
    .max(10_000)
    .nullable()
    .optional(),
  email: emailSchema.nullable().optional(),
  name: z.string().trim().max(200).nullable().optional(),
  note: z.string().trim().max(1000).nullable().optional(),
});

export interface MintInput {
  orgId: string;
  productSlug: string;
  version: string;
  source: "api" | "dashboard" | "test" | "portal" | "email";
  createdById?: string | null;
  /**
   * A seller's mint from the dashboard is audited. API mints (one per checkout) are in the
   * request history instead, and stay one statement; a buyer's own links from /my are neither.
   */
  actor?: Actor;
  options?: unknown;
}

export const downloadUrl = (token: string) => `${appUrl()}/download?token=${encodeURIComponent(token)}`;

/**
 * A random opaque token bound to one ready version; only its hash is stored.
 * The plain token is returned once, in the URL, and never logged.
 */
export async function mintDownloadToken(input: MintInput) {
  const o = parseOrThrow(downloadOptionsSchema, input.options ?? {});
  const token = mintKeyToken();
  const expiresAt = new Date(Date.now() + o.expiresInHours * 3_600_000);
  const result = (id: string, product: { slug: string; name: string }, version: { id: string; version: string }) => ({
    id,
    token,
    url: downloadUrl(token),
    expiresAt,
    product: { id: product.slug, name: product.name },
    version,
  });
  const fields: TokenFields = {
    orgId: input.orgId,
    tokenHash: hashKey(token),
    expiresAt,
    maxDownloads: o.maxDownloads ?? null,
    customerEmail: o.email ?? null,
    customerName: o.name ?? null,
    note: o.note ?? null,
    source: input.source,
    createdById: input.createdById ?? null,
  };
  if (!input.actor) {
    // The checkout's mint: one statement when the version is already released (the usual case).
    const fast = await mintForReleasedVersion({ ...fields, productSlug: input.productSlug, version: input.version });
    if (fast) return result(fast.id, { slug: input.productSlug, name: fast.productName }, { id: fast.versionId, version: input.version });
  }

  const v = await db.productVersion.findFirst({
    where: { version: input.version, product: { orgId: input.orgId, slug: input.productSlug } },
    select: { id: true, version: true, status: true, releasedAt: true, productId: true, product: { select: { slug: true, name: true } } },
  });
  if (!v) throw notFound("Version");
  const notReady = () =>
    new AppError("VALIDATION_FAILED", `Version ${input.version} is not ready: it has no files yet.`, { version: ["Not ready."] });
  if (v.status !== "ready") throw notReady();

  const write = async (tx: Prisma.TransactionClient) => {
    // The first token releases the version (its files become immutable), under the
    // version's row lock, so an upload finishing at the same moment cannot slip in.
    // A released version stays released and ready, so later tokens need no lock.
    if (!v.releasedAt && !(await markReleased(tx, v.id))) throw notReady();
    const row = await tx.downloadToken.create({
      data: { ...fields, versionId: v.id },
      select: { id: true },
    });
    if (input.actor) {
      await recordAudit(tx, input.actor, {
        orgId: input.orgId,
        action: "token.created",
        target: { type: "download_token", id: row.id, label: `${v.product.slug} ${v.version}` },
        metadata: { source: input.source, customerEmail: o.email ?? null, expiresAt: expiresAt.toISOString() },
      });
    }
    if (o.email) {
      // A link minted for a customer is also their purchase (/my finds it again), written with the token.
      const exists = await tx.purchase.findFirst({
        where: { orgId: input.orgId, productId: v.productId, email: o.email, revokedAt: null },
        select: { id: true },
      });
      if (!exists) await insertPurchase(tx, { orgId: input.orgId, productId: v.productId, email: o.email, source: input.source });
    }
    return row;
  };
  const row = await db.$transaction(write);
  return result(row.id, v.product, { id: v.id, version: v.version });
}

const liveTokenInclude = {
  version: {
    include: {
      product: { select: { slug: true, name: true, orgId: true, organization: { select: { name: true } } } },
      files: { orderBy: { name: "asc" as const } },
    },
  },
} as const;

/** Expiry is part of the lookup itself: an expired, revoked or unknown token is never returned. */
export async function findLiveToken(token: string, now = new Date()) {
  return db.downloadToken.findFirst({
    where: { tokenHash: hashKey(token), expiresAt: { gt: now }, revokedAt: null },
    include: liveTokenInclude,
  });
}

/** The same live token by its id (the buyer library holds ids, never the plain token). */
export async function findLiveTokenById(id: string, now = new Date()) {
  return db.downloadToken.findFirst({ where: { id, expiresAt: { gt: now }, revokedAt: null }, include: liveTokenInclude });
}

export type DeadReason = "unknown" | "expired" | "revoked" | "exhausted";

/** Why a token does not work, for the page that says so. */
export async function whyNotLive(token: string, now = new Date()): Promise<DeadReason> {
  const t = await db.downloadToken.findUnique({
    where: { tokenHash: hashKey(token) },
    select: { id: true, expiresAt: true, revokedAt: true, maxDownloads: true, version: { select: { files: { select: { id: true } } } } },
  });
  if (!t) return "unknown";
  if (t.revokedAt) return "revoked";
  if (t.expiresAt <= now) return "expired";
  if (
    await isSpent(
      t,
      t.version.files.map((f) => f.id),
    )
  )
    return "exhausted";
  return "unknown";
}

export async function recordDownload(data: {
  tokenId: string;
  fileId: string;
  ip: string | null;
  userAgent: string | null;
  bytes: number;
}) {
  await db.download.create({ data: { ...data, bytes: BigInt(data.bytes) } });
}

export async function revokeDownloadToken(actor: Actor, orgId: string, id: string) {
  await requirePermission(orgId, actor.userId, "catalog.write", "Your role cannot revoke download tokens.");
  const t = await db.downloadToken.findFirst({ where: { id, orgId }, include: { version: { include: { product: true } } } });
  if (!t) throw notFound("Download token");
  return db.$transaction(async (tx) => {
    const updated = await tx.downloadToken.update({ where: { id }, data: { revokedAt: t.revokedAt ?? new Date() } });
    if (!t.revokedAt) {
      const label = `${t.version.product.slug} ${t.version.version}`;
      await recordAudit(tx, actor, { orgId, action: "token.revoked", target: { type: "download_token", id, label } });
    }
    return updated;
  });
}

/** A limited token whose every file has used up its downloads (per-file limits). */
export const isUsedUp = (t: { maxDownloads: number | null; fileCounts: { count: number }[]; version: { _count: { files: number } } }) =>
  t.maxDownloads !== null &&
  t.version._count.files > 0 &&
  t.fileCounts.filter((c) => c.count >= t.maxDownloads!).length >= t.version._count.files;
