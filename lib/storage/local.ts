import { randomUUID } from "node:crypto";
import { createReadStream, createWriteStream } from "node:fs";
import { mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import { dataDir } from "@/lib/db/config";
import { hashingMeter } from "./meter";

import type { StoredObject } from "./index";

/** Where files live by default: ./data/files (FILES_DIR overrides). */
export function filesRoot(): string {
  return process.env.FILES_DIR ? path.resolve(/* turbopackIgnore: true */ process.env.FILES_DIR) : path.join(dataDir(), "files");
}

function pathFor(key: string): string {
  if (!/^[A-Za-z0-9/_.-]+$/.test(key) || key.includes("..")) throw new Error(`unsafe storage key: ${key}`);
  return path.join(filesRoot(), key);
}

/**
 * Streams a body to disk while hashing it: never held in memory whole. Written
 * to a temporary file and renamed into place, so a failed or oversized upload
 * leaves nothing behind under the final key.
 */
export async function putObject(key: string, body: ReadableStream<Uint8Array>, maxBytes: number): Promise<StoredObject> {
  const target = pathFor(key);
  await mkdir(path.dirname(target), { recursive: true });
  const temp = `${target}.${randomUUID()}.part`;
  const meter = hashingMeter(maxBytes);
  try {
    await pipeline(Readable.fromWeb(body as never), meter.stream, createWriteStream(temp));
    await rename(temp, target);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
  return meter.result();
}

/** A byte range (inclusive end) or the whole object, as a web stream. */
export function readObject(key: string, range?: { start: number; end: number }): ReadableStream<Uint8Array> {
  // 1 MiB reads: fewer, larger chunks through the web-stream layer (measured: BENCHMARKS.md).
  return Readable.toWeb(
    createReadStream(pathFor(key), { highWaterMark: 1024 * 1024, ...(range ? { start: range.start, end: range.end } : {}) }),
  ) as ReadableStream<Uint8Array>;
}

export async function deleteObject(key: string): Promise<void> {
  await rm(pathFor(key), { force: true });
}
