import { createHash } from "node:crypto";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { openBytes, sealBytes } from "@/lib/crypto/sealed";
import type { AuthedContext } from "./route/types";
import { readBytes } from "./body";
import { problemFromError } from "./errors";

export const IDEMPOTENCY_HEADER = "Idempotency-Key";
export const IDEMPOTENCY_TTL_MS = 24 * 3_600_000;
export const MAX_IDEMPOTENCY_KEY_LENGTH = 255;
/** A first request still marked running after this long died with its process: its key may be used again. */
export const ABANDONED_AFTER_MS = 5 * 60_000;
/** What a replay repeats of the first answer; request ids and rate-limit headers belong to the new request. */
const REPLAYED_HEADERS = ["content-type", "cache-control", "location", "link", "etag", "last-modified"];

/** Only POSTs carrying the header pay for any of this: without it there is no database query. */
export const wantsIdempotency = (req: Request) => req.method === "POST" && req.headers.has(IDEMPOTENCY_HEADER);

interface Fingerprint {
  credentialId: string;
  key: string;
  method: string;
  path: string;
  bodyHash: string;
}

/**
 * Stripe's semantics: the first answer to a key is kept for 24 hours per credential and
 * replayed, with `Idempotent-Replayed: true`, to a retry with the same method, path and
 * body. The same key with another request → 422; while the first is still running → 409.
 * 5xx answers are not kept, so the request can be retried with the same key.
 */
export async function idempotent<P>(ctx: AuthedContext<P>, handler: (ctx: AuthedContext<P>) => Promise<Response>): Promise<Response> {
  const key = checkedKey(ctx.req.headers.get(IDEMPOTENCY_HEADER) ?? "");
  const bytes = await readBytes(ctx.req);
  const fingerprint: Fingerprint = {
    credentialId: ctx.auth.credential.id,
    key,
    method: ctx.req.method,
    path: ctx.url.pathname,
    bodyHash: createHash("sha256").update(bytes).digest("hex"),
  };
  const claim = await claimKey(fingerprint);
  if (claim instanceof Response) return claim;

  // The body has been read: the handler gets the same bytes.
  const { req } = ctx;
  ctx.req = new Request(req.url, { method: req.method, headers: req.headers, body: bytes.byteLength ? bytes : null, signal: req.signal });
  let res: Response;
  try {
    res = await handler(ctx);
  } catch (err) {
    res = problemFromError(err, ctx);
  }
  if (res.status >= 500) await release(claim.id);
  else await store(claim.id, fingerprint, res);
  return res;
}

function checkedKey(value: string): string {
  if (value.length > MAX_IDEMPOTENCY_KEY_LENGTH || !/^[\x20-\x7e]+$/.test(value)) {
    throw new AppError(
      "BAD_REQUEST",
      `${IDEMPOTENCY_HEADER} must be 1 to ${MAX_IDEMPOTENCY_KEY_LENGTH} printable ASCII characters (a UUID is a good choice).`,
    );
  }
  return value;
}

/** Inserts the running marker, or answers from the row an earlier request with this key left. */
async function claimKey(fp: Fingerprint): Promise<{ id: string } | Response> {
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      return await db.idempotencyKey.create({ data: fp, select: { id: true } });
    } catch (err) {
      if (!(err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002")) throw err;
    }
    const row = await db.idempotencyKey.findUnique({ where: { credentialId_key: { credentialId: fp.credentialId, key: fp.key } } });
    if (!row) continue; // released after a 5xx in between
    const age = Date.now() - row.createdAt.getTime();
    if (age >= IDEMPOTENCY_TTL_MS || (!row.completedAt && age >= ABANDONED_AFTER_MS)) {
      // Conditional on createdAt, so of two requests taking over the same row only one does.
      await db.idempotencyKey.deleteMany({ where: { id: row.id, createdAt: row.createdAt } });
      continue;
    }
    if (row.method !== fp.method || row.path !== fp.path || row.bodyHash !== fp.bodyHash) {
      const message =
        `This ${IDEMPOTENCY_HEADER} was used for another request (${row.method} ${row.path} with another body) ` +
        "in the last 24 hours. Use a new key for a new request.";
      throw new AppError("VALIDATION_FAILED", message, { [IDEMPOTENCY_HEADER]: [message] });
    }
    if (!row.completedAt || row.status === null) {
      throw new AppError("CONFLICT", `A request with this ${IDEMPOTENCY_HEADER} is still being processed. Retry it in a moment.`);
    }
    return replay(row.status, row.headers, row.body, fp);
  }
  throw new AppError("CONFLICT", `Requests with this ${IDEMPOTENCY_HEADER} are racing each other. Retry it in a moment.`);
}

async function store(id: string, fp: Fingerprint, res: Response): Promise<void> {
  try {
    const body = new Uint8Array(await res.clone().arrayBuffer());
    const headers: Record<string, string> = {};
    for (const name of REPLAYED_HEADERS) {
      const value = res.headers.get(name);
      if (value !== null) headers[name] = value;
    }
    await db.idempotencyKey.update({
      where: { id },
      data: { completedAt: new Date(), status: res.status, headers, body: sealAnswer(body, fp) },
    });
  } catch (err) {
    // The answer still goes out; a retry gets 409 until the marker counts as abandoned.
    console.error(`[idempotency] could not store the answer for key ${id}:`, (err as Error).message);
  }
}

async function release(id: string): Promise<void> {
  await db.idempotencyKey.deleteMany({ where: { id } }).catch((err: unknown) => {
    console.error(`[idempotency] could not release key ${id}:`, (err as Error).message);
  });
}

function replay(status: number, stored: Prisma.JsonValue, sealed: Uint8Array | null, fp: Fingerprint): Response {
  const body = sealed ? openAnswer(sealed, fp) : new Uint8Array();
  const headers = new Headers((stored as Record<string, string> | null) ?? undefined);
  headers.set("Idempotent-Replayed", "true");
  return new Response(body.byteLength && status !== 204 ? body : null, { status, headers });
}

// Answers carry secrets shown once (new keys, client secrets, download URLs): they are
// stored sealed, bound to the credential and key they answer.
const PURPOSE = "idempotent answers";
type Answered = Pick<Fingerprint, "credentialId" | "key">;
const boundTo = (fp: Answered) => `${fp.credentialId}\n${fp.key}`;
const sealAnswer = (plain: Uint8Array, fp: Answered) => sealBytes(plain, PURPOSE, boundTo(fp));

/** Exported for tests: answers stored before this module used lib/crypto/sealed.ts must still replay. */
export function openAnswer(sealed: Uint8Array, fp: Answered): Uint8Array<ArrayBuffer> {
  const plain = openBytes(sealed, PURPOSE, boundTo(fp));
  if (plain) return plain;
  throw new AppError(
    "CONFLICT",
    `The stored answer for this ${IDEMPOTENCY_HEADER} can no longer be read (the server's secret changed). Use a new key.`,
  );
}

/** Deletes answers older than 24 hours; returns how many. */
export async function purgeExpiredIdempotencyKeys(now = new Date()): Promise<number> {
  const { count } = await db.idempotencyKey.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - IDEMPOTENCY_TTL_MS) } } });
  return count;
}

/** In the server process: every hour (lookups ignore expired rows anyway, so this only bounds the table). */
export function startIdempotencyPurge() {
  const state = globalThis as unknown as { __continuataIdempotencyPurge?: NodeJS.Timeout };
  if (state.__continuataIdempotencyPurge) return;
  state.__continuataIdempotencyPurge = setInterval(
    () => purgeExpiredIdempotencyKeys().catch((err) => console.error("[idempotency] purge failed:", (err as Error).message)),
    3_600_000,
  );
  state.__continuataIdempotencyPurge.unref();
}
