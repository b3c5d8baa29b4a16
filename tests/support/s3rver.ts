import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

export const BUCKET = "continuata-test";

/**
 * A real S3-protocol server (s3rver, offline) in a child process on a free port
 * with one bucket (./s3rver-process.mjs), and the environment that points
 * lib/storage at it (S3_BUCKET, S3_ENDPOINT, path style, s3rver's fixed
 * credentials). `stop` ends it and restores local storage.
 */
export async function startS3rver(port = 0) {
  const directory = mkdtempSync(path.join(tmpdir(), "s3rver-"));
  const child = spawn(process.execPath, [path.join(import.meta.dirname, "s3rver-process.mjs"), String(port), directory, BUCKET], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`s3rver exited with ${code}`)));
  });
  const endpoint = `http://127.0.0.1:${(JSON.parse(first) as { port: number }).port}`;
  const saved = { ...process.env };
  Object.assign(process.env, {
    S3_BUCKET: BUCKET,
    S3_ENDPOINT: endpoint,
    S3_FORCE_PATH_STYLE: "1",
    S3_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
  });
  const state = globalThis as unknown as { __continuataStorage?: unknown };
  state.__continuataStorage = undefined;
  return {
    endpoint,
    directory,
    async stop() {
      child.kill("SIGTERM");
      for (const k of ["S3_BUCKET", "S3_ENDPOINT", "S3_FORCE_PATH_STYLE", "S3_REGION", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"]) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      state.__continuataStorage = undefined;
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
