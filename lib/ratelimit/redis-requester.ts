import IORedis from "ioredis";
import type { Requester, UpstashRequest, UpstashResponse } from "@upstash/redis";

type Command = (string | number)[];

/**
 * Speaks the Upstash client's request interface over a plain Redis TCP
 * connection, so @upstash/ratelimit runs against a self-hosted Redis.
 * Commands fail at once while disconnected (no offline queue): the limiter
 * then fails open instead of waiting.
 */
export class RedisTcpRequester implements Requester {
  readonly redis: IORedis;

  constructor(url: string) {
    this.redis = new IORedis(url, {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      connectTimeout: 1000,
      // Keep trying to reconnect in the background, at most every 2 s.
      retryStrategy: (attempt) => Math.min(attempt * 200, 2000),
    });
    this.redis.on("error", () => {
      // Reported through failed commands and the health check; ioredis would otherwise log each retry.
    });
  }

  private waiting?: Promise<void>;

  /** While (re)connecting, wait up to 500 ms for the connection, once for all callers. */
  private ready(): Promise<void> | void {
    const status = this.redis.status;
    if (status === "ready" || (status !== "connecting" && status !== "connect" && status !== "reconnecting")) return;
    this.waiting ??= new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.redis.off("ready", done);
        this.waiting = undefined;
        resolve();
      };
      const timer = setTimeout(done, 500);
      this.redis.once("ready", done);
    });
    return this.waiting;
  }

  private async run(cmd: Command): Promise<UpstashResponse<unknown>> {
    const [name, ...args] = cmd;
    try {
      return { result: await this.redis.call(String(name), ...args.map(String)) };
    } catch (err) {
      const e = err as Error;
      // A Redis reply error (e.g. NOSCRIPT) is an answer; anything else is a transport failure.
      if (e.name === "ReplyError") return { error: e.message };
      throw err;
    }
  }

  async request<TResult = unknown>(req: UpstashRequest): Promise<UpstashResponse<TResult>> {
    await this.ready();
    const kind = req.path?.[0];
    if (kind === "pipeline" || kind === "multi-exec") {
      const results = await Promise.all((req.body as Command[]).map((c) => this.run(c)));
      return results as unknown as UpstashResponse<TResult>;
    }
    return (await this.run(req.body as Command)) as UpstashResponse<TResult>;
  }
}
