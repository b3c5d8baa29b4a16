import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";

export const BUCKET = "continuata-test";

/** The environment that points lib/storage at an s3rver (path style, s3rver's fixed credentials). */
export function s3rverEnv(endpoint: string): Record<string, string> {
  return {
    S3_BUCKET: BUCKET,
    S3_ENDPOINT: endpoint,
    S3_FORCE_PATH_STYLE: "1",
    S3_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "S3RVER",
    AWS_SECRET_ACCESS_KEY: "S3RVER",
  };
}

/**
 * A real S3-protocol server (s3rver, offline) in a child process on a free port
 * with one bucket (./s3rver-process.mjs) in a fresh temporary directory. Its
 * CORS rule lets `allowOrigin` (any origin by default) PUT and GET and read
 * the ETag, as the README asks of a bucket the dashboard uploads to.
 */
export async function spawnS3rver({ port = 0, allowOrigin = "*" }: { port?: number; allowOrigin?: string } = {}) {
  const directory = mkdtempSync(path.join(tmpdir(), "s3rver-"));
  const child = spawn(
    process.execPath,
    [path.join(import.meta.dirname, "s3rver-process.mjs"), String(port), directory, BUCKET, allowOrigin],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once("line", resolve);
    child.once("exit", (code) => reject(new Error(`s3rver exited with ${code}`)));
  });
  const endpoint = `http://127.0.0.1:${(JSON.parse(first) as { port: number }).port}`;
  return {
    endpoint,
    directory,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        if (!(await Promise.race([exited.then(() => true), new Promise((r) => setTimeout(r, 3000, false))]))) child.kill("SIGKILL");
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}

/**
 * spawnS3rver, with this process's environment pointing lib/storage at it.
 * `stop` ends it and restores local storage.
 */
export async function startS3rver(port = 0) {
  const server = await spawnS3rver({ port });
  const saved = { ...process.env };
  const env = s3rverEnv(server.endpoint);
  Object.assign(process.env, env);
  const state = globalThis as unknown as { __continuataStorage?: unknown };
  state.__continuataStorage = undefined;
  return {
    endpoint: server.endpoint,
    directory: server.directory,
    async stop() {
      await server.stop();
      for (const k of Object.keys(env)) {
        if (saved[k] === undefined) delete process.env[k];
        else process.env[k] = saved[k];
      }
      state.__continuataStorage = undefined;
    },
  };
}
