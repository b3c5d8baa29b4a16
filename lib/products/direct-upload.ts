import { createHmac, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { authSecret } from "@/lib/auth/secret";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/db/ids";
import { AppError } from "@/lib/errors";
import { requirePermission } from "@/lib/orgs/access";
import { storage } from "@/lib/storage";
import { hashingMeter } from "@/lib/storage/meter";
import type { S3Storage } from "@/lib/storage/s3";
import { parseOrThrow } from "@/lib/validation/parse";
import { Readable, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { MAX_FILE_BYTES, fileName, filesCap, recordStoredFile } from "./files";
import { maxFilesPerVersion } from "./limits";
import { findVersion } from "./products";
import { releasedError } from "./release";

/**
 * The dashboard's uploads with S3 storage: the browser sends the parts of a
 * multipart upload straight to the bucket through presigned URLs, and the app
 * only creates, signs, completes and aborts. The file row is written on
 * complete, after the storage confirms the size; nothing is recorded before.
 *
 * The upload's identity travels in a ticket the app signs (HMAC with the auth
 * secret): organisation, user, version, name, key, upload id, size and type,
 * so the browser cannot complete someone else's upload, rename the key or
 * change the declared size. Abandoned uploads are the bucket's lifecycle rule
 * to clean (AbortIncompleteMultipartUpload; README).
 */

/** 8 MiB parts (S3's minimum is 5 MiB, except the last); bigger for files that would need more than 10,000. */
export function partSizeFor(size: number): number {
  const min = 8 * 1024 * 1024;
  return Math.max(min, Math.ceil(size / 10_000 / min) * min);
}

const PART_URL_SECONDS = 15 * 60;
const TICKET_HOURS = 24;

const ticketSchema = z.object({
  o: z.string(),
  u: z.string(),
  v: z.string(),
  n: z.string(),
  k: z.string(),
  id: z.string(),
  s: z.number().int().positive(),
  t: z.string(),
  p: z.number().int().positive(),
  e: z.number().int(),
});
type Ticket = z.infer<typeof ticketSchema>;

const mac = (payload: string) => createHmac("sha256", `direct-upload:${authSecret()}`).update(payload).digest("base64url");

function sealTicket(t: Ticket): string {
  const payload = Buffer.from(JSON.stringify(t)).toString("base64url");
  return `${payload}.${mac(payload)}`;
}

function openTicket(raw: unknown, orgId: string, actor: Actor): Ticket {
  const invalid = () => new AppError("VALIDATION_FAILED", "This upload is not valid any more: start it again.", { ticket: ["Invalid."] });
  if (typeof raw !== "string" || raw.length > 4096) throw invalid();
  const [payload, sig] = raw.split(".");
  if (!payload || !sig) throw invalid();
  const expected = Buffer.from(mac(payload));
  const given = Buffer.from(sig);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) throw invalid();
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    throw invalid();
  }
  const parsed = ticketSchema.safeParse(json);
  if (!parsed.success || parsed.data.o !== orgId || parsed.data.u !== actor.userId || parsed.data.e < Date.now()) throw invalid();
  return parsed.data;
}

function s3(): S3Storage {
  const store = storage();
  if (store.kind !== "s3") throw new AppError("CONFLICT", "Direct uploads need S3 storage; upload through the app instead.");
  return store as S3Storage;
}

const storedType = (contentType: string | null | undefined) => contentType?.trim().slice(0, 255) || "application/octet-stream";

const startInput = z.object({
  name: fileName,
  size: z.number().int().min(1, "The file is empty.").max(MAX_FILE_BYTES, `Files are limited to ${MAX_FILE_BYTES} bytes.`),
  contentType: z.string().max(255).optional(),
});

/** Checks the same rules as an upload through the app, then opens a multipart upload in the bucket. */
export async function startDirectUpload(actor: Actor, orgId: string, slug: string, version: string, input: unknown) {
  const { name, size, contentType } = parseOrThrow(startInput, input);
  const store = s3();
  await requirePermission(orgId, actor.userId, "catalog.write", "Your role cannot upload files.");
  const v = await findVersion(orgId, slug, version);
  if (v.releasedAt) throw releasedError(v.version);
  if (!v.files.some((f) => f.name === name) && v.files.length >= maxFilesPerVersion()) throw filesCap();
  const key = `${orgId}/${v.id}/${newId()}`;
  const type = storedType(contentType);
  const uploadId = await store.createMultipart(key, type);
  const partSize = partSizeFor(size);
  const ticket = sealTicket({
    o: orgId,
    u: actor.userId,
    v: v.id,
    n: name,
    k: key,
    id: uploadId,
    s: size,
    t: type,
    p: partSize,
    e: Date.now() + TICKET_HOURS * 3600_000,
  });
  return { ticket, partSize, partCount: Math.ceil(size / partSize) };
}

const partNumbers = z.array(z.number().int().min(1).max(10_000)).min(1).max(100);

/** Presigned PUT URLs for some parts (the browser asks for a few at a time). */
export async function signParts(actor: Actor, orgId: string, input: unknown) {
  const { ticket, parts } = parseOrThrow(z.object({ ticket: z.string(), parts: partNumbers }), input);
  const t = openTicket(ticket, orgId, actor);
  await requirePermission(orgId, actor.userId, "catalog.write", "Your role cannot upload files.");
  const count = Math.ceil(t.s / t.p);
  if (parts.some((n) => n > count)) throw new AppError("VALIDATION_FAILED", `This file has ${count} parts.`, { parts: ["Out of range."] });
  const store = s3();
  const urls = await Promise.all(parts.map(async (n) => ({ partNumber: n, url: await store.presignPart(t.k, t.id, n, PART_URL_SECONDS) })));
  return { urls, expiresIn: PART_URL_SECONDS };
}

/** The parts the bucket already holds: a resumed upload (after a dropped connection or a reload) sends only the rest. */
export async function uploadedParts(actor: Actor, orgId: string, input: unknown) {
  const { ticket } = parseOrThrow(z.object({ ticket: z.string() }), input);
  const t = openTicket(ticket, orgId, actor);
  try {
    return { parts: await s3().listParts(t.k, t.id) };
  } catch {
    throw new AppError("VALIDATION_FAILED", "This upload is not valid any more: start it again.", { ticket: ["Unknown upload."] });
  }
}

/**
 * Assembles the parts, checks the object's size against the declared one and
 * the limit (HeadObject), reads it once to hash it (the file's ETag and
 * checksum), then records it like an upload through the app would.
 */
export async function completeDirectUpload(actor: Actor, orgId: string, input: unknown) {
  const { ticket, parts } = parseOrThrow(
    z.object({
      ticket: z.string(),
      parts: z
        .array(z.object({ partNumber: z.number().int().min(1).max(10_000), etag: z.string().max(200) }))
        .min(1)
        .max(10_000),
    }),
    input,
  );
  const t = openTicket(ticket, orgId, actor);
  await requirePermission(orgId, actor.userId, "catalog.write", "Your role cannot upload files.");
  const store = s3();
  const sorted = [...parts].sort((a, b) => a.partNumber - b.partNumber);
  try {
    await store.completeMultipart(t.k, t.id, sorted);
  } catch (err) {
    throw new AppError("VALIDATION_FAILED", `The storage refused to assemble the upload: ${(err as Error).name}. Send the file again.`, {
      parts: ["Not accepted."],
    });
  }
  try {
    const size = await store.size(t.k);
    if (size !== t.s)
      throw new AppError("VALIDATION_FAILED", `The storage holds ${size ?? 0} bytes, not the ${t.s} announced.`, { size: ["Mismatch."] });
    const meter = hashingMeter(MAX_FILE_BYTES);
    await pipeline(Readable.fromWeb((await store.read(t.k)) as never), meter.stream, new Writable({ write: (_c, _e, done) => done() }));
    const stored = meter.result();
    const v = await db.productVersion.findUniqueOrThrow({
      where: { id: t.v },
      select: { id: true, version: true, product: { select: { slug: true } } },
    });
    return await recordStoredFile({ actor, orgId, slug: v.product.slug }, v, t.n, t.k, stored, t.t);
  } catch (err) {
    await store.delete(t.k).catch(() => {});
    throw err;
  }
}

export async function abortDirectUpload(actor: Actor, orgId: string, input: unknown) {
  const { ticket } = parseOrThrow(z.object({ ticket: z.string() }), input);
  const t = openTicket(ticket, orgId, actor);
  await s3()
    .abortMultipart(t.k, t.id)
    .catch(() => {});
}
