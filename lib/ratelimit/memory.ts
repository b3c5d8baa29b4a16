import type { RateLimiter, RateLimitResult } from "./types";

interface Bucket {
  window: number;
  current: number;
  previous: number;
}

/**
 * The sliding window of @upstash/ratelimit, in process memory: the previous
 * window's count, weighted by how much of it still overlaps, plus the current
 * window's. For the single-process embedded default; same results, same headers.
 */
export class MemoryRateLimiter implements RateLimiter {
  readonly backend = "memory" as const;
  private buckets = new Map<string, Bucket>();

  async limit(identifier: string, max: number, windowMs: number, now = Date.now()): Promise<RateLimitResult> {
    return this.limitSync(identifier, max, windowMs, now);
  }

  limitSync(identifier: string, max: number, windowMs: number, now = Date.now()): RateLimitResult {
    const window = Math.floor(now / windowMs);
    const key = `${identifier}:${windowMs}`;
    let bucket = this.buckets.get(key);
    if (!bucket || bucket.window < window - 1) bucket = { window, current: 0, previous: 0 };
    else if (bucket.window === window - 1) bucket = { window, current: 0, previous: bucket.current };
    this.buckets.set(key, bucket);
    if (this.buckets.size > 50_000) this.sweep(now);

    const weighted = Math.floor((1 - (now % windowMs) / windowMs) * bucket.previous);
    const reset = (window + 1) * windowMs;
    if (weighted + bucket.current >= max) return { success: false, limit: max, remaining: 0, reset };
    bucket.current += 1;
    return { success: true, limit: max, remaining: Math.max(0, max - (bucket.current + weighted)), reset };
  }

  async ping() {
    return true;
  }

  private sweep(now: number) {
    for (const [key, bucket] of this.buckets) {
      const windowMs = Number(key.slice(key.lastIndexOf(":") + 1));
      if (bucket.window < Math.floor(now / windowMs) - 1) this.buckets.delete(key);
    }
  }
}
