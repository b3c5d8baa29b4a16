import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { diff, recordAudit } from "@/lib/audit/record";
import { requirePermission } from "@/lib/orgs/access";
import { parseOrThrow } from "@/lib/validation/parse";
import { capReached, lockRow, maxProductsPerOrg, maxVersionsPerProduct } from "./limits";
import { markReleased } from "./release";
import { emitWebhookEvent } from "@/lib/webhooks/events";
import { enqueueVersionNotice } from "@/lib/notices/enqueue";

export const productSlug = z
  .string("id is required.")
  .trim()
  .regex(/^[a-z0-9][a-z0-9-]{1,62}$/, "Use 2–63 lower-case letters, digits and dashes, e.g. epic-drums-v1.");
export const productName = z.string("name is required.").trim().min(1, "name is required.").max(200, "Use at most 200 characters.");
export const semver = z
  .string("version is required.")
  .trim()
  .regex(/^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/, 'Use a semantic version such as "1.0.0".');

const withActive = { activeVersion: { select: { id: true, version: true, status: true } } } as const;

/** The documented list shape: `{"product":{id,name,status},"activeVersion":{id,version,status}|null}`. */
export function serializeProductEntry(p: {
  slug: string;
  name: string;
  status: string;
  activeVersion: { id: string; version: string; status: string } | null;
}) {
  return { product: { id: p.slug, name: p.name, status: p.status }, activeVersion: p.activeVersion };
}

/** Newest first, one page at a time by id cursor (`nextCursor` null on the last page). */
export async function listProductsPage(orgId: string, opts: { limit: number; cursor?: string; includeArchived?: boolean }) {
  const rows = await db.product.findMany({
    where: { orgId, ...(opts.includeArchived ? {} : { status: { not: "archived" } }) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    include: withActive,
    take: opts.limit + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
  });
  const products = rows.slice(0, opts.limit);
  return { products, nextCursor: rows.length > opts.limit ? products[products.length - 1].id : null };
}

export async function getProduct(orgId: string, slug: string) {
  const p = await db.product.findUnique({
    where: { orgId_slug: { orgId, slug } },
    include: { ...withActive, versions: { orderBy: { createdAt: "desc" }, include: { files: { orderBy: { name: "asc" } } } } },
  });
  if (!p) throw notFound("Product");
  return p;
}

/** The body of POST /api/products (the API contract documents it from here). */
export const productInputSchema = z.object({ id: productSlug, name: productName });

export async function createProduct(actor: Actor, orgId: string, input: unknown) {
  const { id, name } = parseOrThrow(productInputSchema, input);
  await requirePermission(orgId, actor.userId, "catalog.write", "Your role cannot create products.");
  try {
    return await db.$transaction(async (tx) => {
      await lockRow(tx, "Organization", orgId);
      const max = maxProductsPerOrg();
      if ((await tx.product.count({ where: { orgId } })) >= max)
        throw capReached("products", max, "Archived products count too; ask us to raise the limit.");
      const p = await tx.product.create({ data: { orgId, slug: id, name }, include: withActive });
      await recordAudit(tx, actor, { orgId, action: "product.created", target: { type: "product", id: p.id, label: id } });
      return p;
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new AppError("VALIDATION_FAILED", `A product with id "${id}" already exists.`, { id: ["Already taken in this organisation."] });
    }
    throw err;
  }
}

export const productUpdateSchema = z
  .object({
    name: productName.optional(),
    status: z.enum(["draft", "published", "archived"], "status is draft, published or archived.").optional(),
  })
  .strict();

export async function updateProduct(actor: Actor, orgId: string, slug: string, input: unknown) {
  const data = parseOrThrow(productUpdateSchema, input);
  await requirePermission(orgId, actor.userId, "catalog.write", "Your role cannot change products.");
  const existing = await db.product.findUnique({ where: { orgId_slug: { orgId, slug } } });
  if (!existing) throw notFound("Product");
  return db.$transaction(async (tx) => {
    const p = await tx.product.update({ where: { id: existing.id }, data, include: withActive });
    const changes = diff(existing, p, ["name", "status"]);
    if (Object.keys(changes).length) {
      const action = changes.status?.to === "archived" ? "product.archived" : "product.updated";
      await recordAudit(tx, actor, { orgId, action, target: { type: "product", id: p.id, label: slug }, metadata: { changes } });
    }
    return p;
  });
}

export const versionInputSchema = z.object({ version: semver });

export async function createVersion(actor: Actor, orgId: string, slug: string, input: unknown) {
  const { version } = parseOrThrow(versionInputSchema, input);
  await requirePermission(orgId, actor.userId, "catalog.write", "Your role cannot add versions.");
  const product = await db.product.findUnique({ where: { orgId_slug: { orgId, slug } } });
  if (!product) throw notFound("Product");
  try {
    return await db.$transaction(async (tx) => {
      await lockRow(tx, "Product", product.id);
      const max = maxVersionsPerProduct();
      if ((await tx.productVersion.count({ where: { productId: product.id } })) >= max)
        throw capReached("versions per product", max, "Ask us to raise the limit.");
      const v = await tx.productVersion.create({ data: { productId: product.id, version } });
      await recordAudit(tx, actor, {
        orgId,
        action: "version.created",
        target: { type: "version", id: v.id, label: `${slug} ${version}` },
      });
      return v;
    });
  } catch (err) {
    if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") {
      throw new AppError("VALIDATION_FAILED", `Version ${version} already exists.`, { version: ["Already exists for this product."] });
    }
    throw err;
  }
}

/** A version of one of the organisation's products, or NOT_FOUND. */
export async function findVersion(orgId: string, slug: string, version: string) {
  const v = await db.productVersion.findFirst({
    where: { version, product: { orgId, slug } },
    include: { product: true, files: { orderBy: { name: "asc" } } },
  });
  if (!v) throw notFound("Version");
  return v;
}

/** POST …/activate's optional body (an empty body is `{}`). */
export const activateVersionRequest = z.object({ notifyBuyers: z.boolean("notifyBuyers must be true or false.").optional() });

/** `notifyBuyers`: also queue one "new version" email per earlier buyer (lib/notices), in the same transaction. */
export async function activateVersion(actor: Actor, orgId: string, slug: string, version: string, opts: { notifyBuyers?: boolean } = {}) {
  await requirePermission(orgId, actor.userId, "catalog.write", "Your role cannot activate versions.");
  const v = await findVersion(orgId, slug, version);
  const notReady = () =>
    new AppError("VALIDATION_FAILED", `Version ${version} is not ready: upload at least one file first.`, { version: ["Not ready."] });
  if (v.status !== "ready") throw notReady();
  // Activation releases the version: from now on its files are immutable.
  return db.$transaction(async (tx) => {
    if (!(await markReleased(tx, v.id))) throw notReady();
    const product = await tx.product.update({ where: { id: v.productId }, data: { activeVersionId: v.id }, include: withActive });
    if (v.product.activeVersionId !== v.id) {
      const previous = v.product.activeVersionId
        ? await tx.productVersion.findUnique({ where: { id: v.product.activeVersionId }, select: { version: true } })
        : null;
      const data = { productId: slug, productName: product.name, version, previousVersion: previous?.version ?? null };
      await emitWebhookEvent(tx, orgId, "version.activated", data);
      if (opts.notifyBuyers) await enqueueVersionNotice(tx, { orgId, productId: v.productId, versionId: v.id, createdById: actor.userId });
      await recordAudit(tx, actor, {
        orgId,
        action: "version.activated",
        target: { type: "version", id: v.id, label: `${slug} ${version}` },
        metadata: { previousVersionId: v.product.activeVersionId, notifyBuyers: !!opts.notifyBuyers },
      });
    }
    return product;
  });
}
