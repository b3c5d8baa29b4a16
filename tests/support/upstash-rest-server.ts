import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import IORedis from "ioredis";

/**
 * A small server speaking the Upstash REST protocol (POST / with a command
 * array, POST /pipeline with several; bearer token; base64 results on
 * request) on top of a real Redis, so the Upstash backend is tested over
 * HTTP end to end. Test support only: nothing on npm serves this protocol.
 */
export async function startUpstashRestServer(redisUrl: string, token: string): Promise<{ url: string; close(): Promise<void> }> {
  const redis = new IORedis(redisUrl);
  const encode = (v: unknown, base64: boolean): unknown => {
    if (!base64) return v;
    if (typeof v === "string") return v === "OK" ? v : Buffer.from(v).toString("base64");
    if (Array.isArray(v)) return v.map((x) => encode(x, base64));
    return v;
  };
  const run = async (cmd: unknown[], base64: boolean) => {
    try {
      const [name, ...args] = cmd.map(String);
      return { result: encode(await redis.call(name, ...args), base64) };
    } catch (err) {
      return { error: (err as Error).message };
    }
  };
  const server: Server = createServer(async (req, res) => {
    if (req.headers.authorization !== `Bearer ${token}`) {
      res.writeHead(401).end(JSON.stringify({ error: "Unauthorized" }));
      return;
    }
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = JSON.parse(Buffer.concat(chunks).toString() || "null");
    const base64 = req.headers["upstash-encoding"] === "base64";
    const out =
      req.url?.startsWith("/pipeline") || req.url?.startsWith("/multi-exec")
        ? await Promise.all((body as unknown[][]).map((c) => run(c, base64)))
        : await run(body as unknown[], base64);
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(out));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: async () => {
      await new Promise((r) => server.close(r));
      redis.disconnect();
    },
  };
}
