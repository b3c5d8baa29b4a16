import { describe, expect, it } from "vitest";
import { GetObjectCommand } from "@aws-sdk/client-s3";
import { createStorage } from "./index";
import { S3Storage } from "./s3";

describe("storage selection", () => {
  it("uses the local directory unless an S3 bucket is configured", () => {
    expect(createStorage({} as never).kind).toBe("local");
    expect(createStorage({ S3_BUCKET: "files", S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: "1" } as never).kind).toBe("s3");
  });
});

describe("S3Storage.read", () => {
  it("asks the SDK for the exact byte range and returns its web stream", async () => {
    const sent: GetObjectCommand[] = [];
    const body = new ReadableStream<Uint8Array>({ start: (c) => (c.enqueue(new Uint8Array([1, 2, 3])), c.close()) });
    const fake = { send: async (cmd: GetObjectCommand) => (sent.push(cmd), { Body: { transformToWebStream: () => body } }) };
    const s3 = new S3Storage({ bucket: "files", region: "us-east-1" }, fake as never);
    const stream = await s3.read("org/v/f", { start: 10, end: 19 });
    expect(sent[0].input).toEqual({ Bucket: "files", Key: "org/v/f", Range: "bytes=10-19" });
    expect(stream).toBe(body);
  });
});
