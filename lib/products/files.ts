import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/auth/actor";
import { requirePermission } from "@/lib/orgs/access";
import { parseOrThrow } from "@/lib/validation/parse";
import { newId } from "@/lib/db/ids";
import { storage } from "@/lib/storage";
import { findVersion } from "./products";

export const MAX_FILE_BYTES = Number(process.env.MAX_FILE_BYTES ?? 5 * 1024 ** 3);

const fileName = z
  .string()
  .min(1, "The file needs a name.")
  .max(255, "File names are at most 255 characters.")
  .refine((n) => !/[/\\\0]/.test(n) && n !== "." && n !== "..", "File names cannot contain slashes.");

export function serializeFile(f: { id: string; name: string; size: bigint; contentType: string; sha256: string; createdAt: Date }) {
  return { id: f.id, name: f.name, size: Number(f.size), contentType: f.contentType, sha256: f.sha256, createdAt: f.createdAt.toISOString() };
}

/**
 * Streams an upload into storage (hashing as it goes), then records it in the
 * version's manifest, replacing a file of the same name. A version with at least
 * one stored file is ready.
 */
export async function uploadFile(actor: Actor, orgId: string, slug: string, version: string, name: string, body: ReadableStream<Uint8Array> | null, contentType: string | null) {
  const filename = parseOrThrow(fileName, name);
  await requirePermission(orgId, actor.userId, "catalog.write", "Your role cannot upload files.");
  const v = await findVersion(orgId, slug, version);
  if (!body) throw new AppError("VALIDATION_FAILED", "The request body is the file: send its bytes.", { body: ["Empty upload."] });
  const storageKey = `${orgId}/${v.id}/${newId()}`;
  const stored = await storage().put(storageKey, body, MAX_FILE_BYTES);
  if (stored.size === 0) {
    await storage().delete(storageKey);
    throw new AppError("VALIDATION_FAILED", "The file is empty.", { body: ["Empty upload."] });
  }
  const previous = await db.productFile.findUnique({ where: { versionId_name: { versionId: v.id, name: filename } } });
  const file = await db.$transaction(async (tx) => {
    const f = await tx.productFile.upsert({
      where: { versionId_name: { versionId: v.id, name: filename } },
      create: { versionId: v.id, name: filename, size: BigInt(stored.size), sha256: stored.sha256, contentType: contentType || "application/octet-stream", storageKey },
      update: { size: BigInt(stored.size), sha256: stored.sha256, contentType: contentType || "application/octet-stream", storageKey },
    });
    await tx.productVersion.update({ where: { id: v.id }, data: { status: "ready" } });
    return f;
  });
  if (previous) await storage().delete(previous.storageKey);
  return file;
}
