import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError, notFound } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/orgs/access";
import { recordAudit } from "@/lib/audit/record";
import { parseOrThrow } from "@/lib/validation/parse";
import { newId } from "@/lib/db/ids";
import { storage } from "@/lib/storage";
import { withIdleTimeout } from "@/lib/storage/idle";
import { findVersion } from "./products";
import { capReached, maxFilesPerVersion } from "./limits";
import { lockVersionFiles, releasedError } from "./release";

export const MAX_FILE_BYTES = Number(process.env.MAX_FILE_BYTES ?? 5 * 1024 ** 3);

/**
 * A file name as the route received it (Next has already percent-decoded the
 * path segment once; decoding again would turn `50%.zip` into an error and
 * `a%20b.zip` into `a b.zip`).
 */
export const fileName = z
  .string()
  .min(1, "The file needs a name.")
  .max(255, "File names are at most 255 characters.")
  .refine((n) => !/[\x00-\x1f\x7f]/.test(n), "File names cannot contain control characters.")
  .refine((n) => !/[/\\]/.test(n), "File names cannot contain slashes.")
  .refine((n) => !n.includes("..") && n !== ".", 'File names cannot be "." or contain "..".')
  .refine((n) => n.trim() === n, "File names cannot start or end with spaces.");

export const parseName = (name: string) => parseOrThrow(z.object({ filename: fileName }), { filename: name }).filename;

export function serializeFile(f: { id: string; name: string; size: bigint; contentType: string; sha256: string; createdAt: Date }) {
  return {
    id: f.id,
    name: f.name,
    size: Number(f.size),
    contentType: f.contentType,
    sha256: f.sha256,
    createdAt: f.createdAt.toISOString(),
  };
}

const storedType = (contentType: string | null) => contentType?.trim().slice(0, 255) || "application/octet-stream";

/**
 * Streams an upload into storage (hashing as it goes, cut off when the client
 * goes quiet), then records it in the version's manifest. A draft version may
 * replace a file of the same name; a released one refuses (409) before and,
 * under the version's row lock, after the bytes arrive. A version with at
 * least one stored file is ready.
 */
export async function uploadFile(
  actor: Actor,
  orgId: string,
  slug: string,
  version: string,
  name: string,
  body: ReadableStream<Uint8Array> | null,
  contentType: string | null,
) {
  const filename = parseName(name);
  await requirePermission(orgId, actor.userId, "catalog.write", "Your role cannot upload files.");
  const v = await findVersion(orgId, slug, version);
  if (v.releasedAt) throw releasedError(v.version);
  const replacing = v.files.some((f) => f.name === filename);
  if (!replacing && v.files.length >= maxFilesPerVersion()) throw filesCap();
  if (!body) throw new AppError("VALIDATION_FAILED", "The request body is the file: send its bytes.", { body: ["Empty upload."] });
  const storageKey = `${orgId}/${v.id}/${newId()}`;
  const stored = await storage().put(storageKey, withIdleTimeout(body), MAX_FILE_BYTES);
  return recordStoredFile({ actor, orgId, slug }, v, filename, storageKey, stored, contentType);
}

/**
 * Records bytes already in storage under `storageKey` as the version's file
 * `filename` (replacing one of the same name on a draft), or deletes them.
 */
export async function recordStoredFile(
  by: { actor: Actor; orgId: string; slug: string },
  v: { id: string; version: string },
  filename: string,
  storageKey: string,
  stored: { size: number; sha256: string },
  contentType: string | null,
) {
  let previousKey: string | null = null;
  try {
    if (stored.size === 0) throw new AppError("VALIDATION_FAILED", "The file is empty.", { body: ["Empty upload."] });
    const file = await db.$transaction(async (tx) => {
      const state = await lockVersionFiles(tx, v.id);
      if (state.released) throw releasedError(v.version);
      const previous = await tx.productFile.findUnique({ where: { versionId_name: { versionId: v.id, name: filename } } });
      if (!previous && state.files >= maxFilesPerVersion()) throw filesCap();
      previousKey = previous?.storageKey ?? null;
      const data = { size: BigInt(stored.size), sha256: stored.sha256, contentType: storedType(contentType), storageKey };
      const f = previous
        ? await tx.productFile.update({ where: { id: previous.id }, data: { ...data, createdAt: new Date() } })
        : await tx.productFile.create({ data: { versionId: v.id, name: filename, ...data } });
      await tx.productVersion.update({ where: { id: v.id }, data: { status: "ready" } });
      await recordAudit(tx, by.actor, {
        orgId: by.orgId,
        action: "file.uploaded",
        target: { type: "file", id: f.id, label: `${by.slug} ${v.version}/${filename}` },
        metadata: { size: stored.size, sha256: stored.sha256, replaced: !!previous },
      });
      return f;
    });
    if (previousKey) await storage().delete(previousKey);
    return file;
  } catch (err) {
    await storage().delete(storageKey);
    throw err;
  }
}

export const filesCap = () =>
  capReached("files per version", maxFilesPerVersion(), "Put more content into fewer files (a zip), or ask us to raise the limit.");

/** Removes a file from a draft version; a released version's files stay (409). */
export async function deleteFile(actor: Actor, orgId: string, slug: string, version: string, name: string) {
  const filename = parseName(name);
  await requirePermission(orgId, actor.userId, "catalog.write", "Your role cannot delete files.");
  const v = await findVersion(orgId, slug, version);
  const removed = await db.$transaction(async (tx) => {
    const state = await lockVersionFiles(tx, v.id);
    if (state.released) throw releasedError(v.version);
    const file = await tx.productFile.findUnique({ where: { versionId_name: { versionId: v.id, name: filename } } });
    if (!file) throw notFound("File");
    await tx.productFile.delete({ where: { id: file.id } });
    // A version with no files left cannot be delivered: back to processing until the next upload.
    if (state.files <= 1) await tx.productVersion.update({ where: { id: v.id }, data: { status: "processing" } });
    await recordAudit(tx, actor, {
      orgId,
      action: "file.deleted",
      target: { type: "file", id: file.id, label: `${slug} ${v.version}/${filename}` },
    });
    return file;
  });
  await storage().delete(removed.storageKey);
  return removed;
}
