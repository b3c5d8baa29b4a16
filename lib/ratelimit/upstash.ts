import { Ratelimit } from "@upstash/ratelimit";
import { Redis } from "@upstash/redis";
import type { RateLimiter, RateLimitResult } from "./types";

/** @upstash/ratelimit's sliding window on Upstash (REST) or a plain Redis (TCP requester). */
export class UpstashRateLimiter implements RateLimiter {
  private limiters = new Map<string, Ratelimit>();
  // Shared by all limits: identifiers blocked until their window resets skip Redis.
  private blocked = new Map<string, number>();

  constructor(
    readonly backend: "redis" | "upstash",
    private readonly redis: Redis,
    private readonly timeoutMs: number,
  ) {}

  private limiterFor(max: number, windowMs: number): Ratelimit {
    const key = `${max}/${windowMs}`;
    let limiter = this.limiters.get(key);
    if (!limiter) {
      limiter = new Ratelimit({
        redis: this.redis,
        limiter: Ratelimit.slidingWindow(max, `${windowMs} ms`),
        prefix: "ct:rl",
        timeout: this.timeoutMs,
        analytics: false,
        ephemeralCache: this.blocked,
      });
      this.limiters.set(key, limiter);
    }
    return limiter;
  }

  async limit(identifier: string, max: number, windowMs: number): Promise<RateLimitResult> {
    // The identifier carries the window so two limits on one id never share counters.
    const r = await this.limiterFor(max, windowMs).limit(`${identifier}:${windowMs}`);
    return { success: r.success, limit: r.limit, remaining: r.remaining, reset: r.reset, degraded: r.reason === "timeout" || undefined };
  }

  async ping(): Promise<boolean> {
    return (await this.redis.ping()) === "PONG";
  }
}
