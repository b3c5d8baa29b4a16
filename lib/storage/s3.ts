import { Readable } from "node:stream";
import {
  AbortMultipartUploadCommand,
  CompleteMultipartUploadCommand,
  CreateMultipartUploadCommand,
  DeleteObjectCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListPartsCommand,
  S3Client,
  UploadPartCommand,
} from "@aws-sdk/client-s3";
import { Upload } from "@aws-sdk/lib-storage";
import { getSignedUrl } from "@aws-sdk/s3-request-presigner";
import { hashingMeter } from "./meter";
import type { ObjectStorage, StoredObject } from "./index";

export interface S3Config {
  bucket: string;
  region: string;
  endpoint?: string;
  forcePathStyle?: boolean;
}

/** What a presigned download carries besides the key: the browser saves it under this name, with this (already safe) type. */
export interface PresignedGet {
  disposition: string;
  contentType: string;
  expiresIn: number;
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
    this.client =
      client ??
      new S3Client({
        region: config.region,
        endpoint: config.endpoint,
        forcePathStyle: config.forcePathStyle,
        // Presigned URLs must not carry a checksum of an empty body (the SDK's default since 3.729):
        // a browser's PUT of a part, or a GET, would then fail its signature.
        requestChecksumCalculation: "WHEN_REQUIRED",
        responseChecksumValidation: "WHEN_REQUIRED",
      });
  }

  get bucket(): string {
    return this.config.bucket;
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

  /** A GET URL the storage honours for `expiresIn` seconds, answering with our disposition and type whatever the object says. */
  presignGet(key: string, opts: PresignedGet): Promise<string> {
    const command = new GetObjectCommand({
      Bucket: this.config.bucket,
      Key: key,
      ResponseContentDisposition: opts.disposition,
      ResponseContentType: opts.contentType,
      ResponseCacheControl: "private, no-store, no-transform",
    });
    return getSignedUrl(this.client as S3Client, command, { expiresIn: opts.expiresIn });
  }

  async size(key: string): Promise<number | null> {
    try {
      const res = await this.client.send(new HeadObjectCommand({ Bucket: this.config.bucket, Key: key }));
      return res.ContentLength ?? null;
    } catch (err) {
      if ((err as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
      throw err;
    }
  }

  async createMultipart(key: string, contentType: string): Promise<string> {
    const res = await this.client.send(
      new CreateMultipartUploadCommand({ Bucket: this.config.bucket, Key: key, ContentType: contentType }),
    );
    if (!res.UploadId) throw new Error("The storage did not return an upload id.");
    return res.UploadId;
  }

  presignPart(key: string, uploadId: string, partNumber: number, expiresIn: number): Promise<string> {
    const command = new UploadPartCommand({ Bucket: this.config.bucket, Key: key, UploadId: uploadId, PartNumber: partNumber });
    return getSignedUrl(this.client as S3Client, command, { expiresIn });
  }

  /** The parts the storage already holds (a resumed upload skips them). */
  async listParts(key: string, uploadId: string): Promise<{ partNumber: number; etag: string; size: number }[]> {
    const parts: { partNumber: number; etag: string; size: number }[] = [];
    let marker: string | undefined;
    for (;;) {
      const res = await this.client.send(
        new ListPartsCommand({ Bucket: this.config.bucket, Key: key, UploadId: uploadId, PartNumberMarker: marker }),
      );
      for (const p of res.Parts ?? []) parts.push({ partNumber: p.PartNumber!, etag: p.ETag!, size: p.Size ?? 0 });
      if (!res.IsTruncated || !res.NextPartNumberMarker) return parts;
      marker = res.NextPartNumberMarker;
    }
  }

  async completeMultipart(key: string, uploadId: string, parts: { partNumber: number; etag: string }[]): Promise<void> {
    await this.client.send(
      new CompleteMultipartUploadCommand({
        Bucket: this.config.bucket,
        Key: key,
        UploadId: uploadId,
        MultipartUpload: { Parts: parts.map((p) => ({ PartNumber: p.partNumber, ETag: p.etag })) },
      }),
    );
  }

  async abortMultipart(key: string, uploadId: string): Promise<void> {
    await this.client.send(new AbortMultipartUploadCommand({ Bucket: this.config.bucket, Key: key, UploadId: uploadId }));
  }
}
