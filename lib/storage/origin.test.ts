import { afterEach, describe, expect, it, vi } from "vitest";
import { createStorage } from "./index";
import { storageOrigin } from "./origin";
import type { S3Storage } from "./s3";

afterEach(() => vi.unstubAllEnvs());

const CONFIGS: Record<string, string>[] = [
  { S3_BUCKET: "files", S3_ENDPOINT: "http://127.0.0.1:9000", S3_FORCE_PATH_STYLE: "1" },
  { S3_BUCKET: "files", S3_ENDPOINT: "http://127.0.0.1:9000" },
  { S3_BUCKET: "files", S3_ENDPOINT: "https://minio.example.com" },
  { S3_BUCKET: "files", S3_ENDPOINT: "https://minio.example.com:9443/" },
  { S3_BUCKET: "files", S3_ENDPOINT: "https://storage.example.com", S3_FORCE_PATH_STYLE: "1" },
  { S3_BUCKET: "my.files", S3_ENDPOINT: "https://minio.example.com" },
  { S3_BUCKET: "files", S3_REGION: "eu-west-3" },
  { S3_BUCKET: "files" },
  { S3_BUCKET: "my.files", S3_REGION: "eu-west-3" },
  { S3_BUCKET: "files", S3_REGION: "eu-west-3", S3_FORCE_PATH_STYLE: "1" },
  { S3_BUCKET: "files", AWS_REGION: "ap-southeast-2" },
  { S3_BUCKET: "files", S3_REGION: "cn-north-1" },
  { S3_BUCKET: "Files", S3_REGION: "eu-west-3" },
  { S3_BUCKET: "my.files", S3_ENDPOINT: "http://minio.internal:9000" },
  { S3_BUCKET: "My.files", S3_ENDPOINT: "http://minio.internal:9000" },
  { S3_BUCKET: "files", S3_ENDPOINT: "http://localhost:9000" },
  { S3_BUCKET: "files", S3_ENDPOINT: "http://[::1]:9000" },
  { S3_BUCKET: "ab", S3_ENDPOINT: "https://minio.example.com" },
  { S3_BUCKET: "files", S3_ENDPOINT: "https://minio.example.com/prefix" },
];

describe("the storage origin in the dashboard's CSP", () => {
  it.each(CONFIGS)("is the origin the SDK presigns upload parts at: %o", async (env) => {
    vi.stubEnv("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    vi.stubEnv("AWS_SECRET_ACCESS_KEY", "secret");
    const store = createStorage(env as NodeJS.ProcessEnv) as S3Storage;
    const url = new URL(await store.presignPart("org/v/f", "upload-1", 1, 60));
    expect(storageOrigin(env as NodeJS.ProcessEnv)).toBe(url.origin);
  });

  it("is null with local storage", () => {
    expect(storageOrigin({} as NodeJS.ProcessEnv)).toBeNull();
  });
});
