import { Readable } from "node:stream";
import { DeleteObjectCommand, GetObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { hashingMeter } from "./meter";
import type { ObjectStorage, StoredObject } from "./index";

export interface S3Config {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle?: boolean;
}

/**
 * S3-compatible storage through the AWS SDK (credentials from the SDK's usual
 * chain: AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, profiles, instance roles).
 * Uploads stream through a multipart upload while being hashed; nothing is
 * buffered beyond the SDK's part size.
 */
export class S3Storage implements ObjectStorage {
  readonly kind = "s3" as const;
  readonly client: Pick<S3Client, "send">;

  constructor(
    private readonly config: S3Config,
    client?: Pick<S3Client, "send">,
  ) {
    this.client = client ?? new S3Client({ region: config.region, endpoint: config.endpoint, forcePathStyle: config.forcePathStyle });
  }

  async put(key: string, body: ReadableStream<Uint8Array>, maxBytes: number): Promise<StoredObject> {
    const meter = hashingMeter(maxBytes);
    const source = Readable.fromWeb(body as never);
    source.on("error", (err) => meter.stream.destroy(err));
    const upload = new Upload({
      client: this.client as S3Client,
      params: { Bucket: this.config.bucket, Key: key, Body: source.pipe(meter.stream) },
    });
    try {
      await upload.done();
    } catch (err) {
      await upload.abort().catch(() => {});
      throw err;
    }
    return meter.result();
  }

  async read(key: string, range?: { start: number; end: number }): Promise<ReadableStream<Uint8Array>> {
    const res = await this.client.send(
      new GetObjectCommand({ Bucket: this.config.bucket, Key: key, Range: range ? `bytes=${range.start}-${range.end}` : undefined }),
    );
    if (!res.Body) throw new Error(`S3 object ${key} has no body`);
    return (res.Body as { transformToWebStream(): ReadableStream<Uint8Array> }).transformToWebStream();
  }

  async delete(key: string): Promise<void> {
    await this.client.send(new DeleteObjectCommand({ Bucket: this.config.bucket, Key: key }));
  }
}
