import * as local from "./local";
import { S3Storage } from "./s3";

export interface StoredObject {
  size: number;
  sha256: string;
}

/** Where product files live: the local directory by default, an S3-compatible bucket when configured. */
export interface ObjectStorage {
  readonly kind: "local" | "s3";
  put(key: string, body: ReadableStream<Uint8Array>, maxBytes: number): Promise<StoredObject>;
  /** A byte range (inclusive end) or the whole object. */
  read(key: string, range?: { start: number; end: number }): Promise<ReadableStream<Uint8Array>>;
  delete(key: string): Promise<void>;
}

const localStorage: ObjectStorage = {
  kind: "local",
  put: local.putObject,
  read: async (key, range) => local.readObject(key, range),
  delete: local.deleteObject,
};

export function createStorage(env: NodeJS.ProcessEnv = process.env): ObjectStorage {
  if (!env.S3_BUCKET) return localStorage;
  return new S3Storage({
    bucket: env.S3_BUCKET,
    region: env.S3_REGION || env.AWS_REGION || "us-east-1",
    endpoint: env.S3_ENDPOINT || undefined,
    forcePathStyle: env.S3_FORCE_PATH_STYLE === "1",
  });
}

const state = globalThis as unknown as { __continuataStorage?: ObjectStorage };
export const storage = (): ObjectStorage => (state.__continuataStorage ??= createStorage());
