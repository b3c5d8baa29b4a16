import { Redis } from "@upstash/redis";
import { MemoryRateLimiter } from "./memory";
import { RedisTcpRequester } from "./redis-requester";
import { UpstashRateLimiter } from "./upstash";
import type { RateLimiter, RateLimitResult } from "./types";

/** The most a rate-limit check may add to a request before we let it through (default 500 ms). */
export const rateLimitTimeoutMs = () => Number(process.env.RATE_LIMIT_TIMEOUT_MS ?? 500);

export function createRateLimiter(env: NodeJS.ProcessEnv = process.env): RateLimiter {
  if (env.UPSTASH_REDIS_REST_URL && env.UPSTASH_REDIS_REST_TOKEN) {
    const redis = new Redis({
      url: env.UPSTASH_REDIS_REST_URL,
      token: env.UPSTASH_REDIS_REST_TOKEN,
      enableTelemetry: false,
      retry: { retries: 1, backoff: () => 50 },
    });
    return new UpstashRateLimiter("upstash", redis, rateLimitTimeoutMs());
  }
  if (env.REDIS_URL) {
    // No HTTP here, so nothing to send telemetry over.
    const redis = new Redis(new RedisTcpRequester(env.REDIS_URL));
    return new UpstashRateLimiter("redis", redis, rateLimitTimeoutMs());
  }
  return new MemoryRateLimiter();
}

const state = globalThis as unknown as {
  __continuataLimiter?: RateLimiter;
  __continuataLimiterFailedAt?: number;
  __continuataLimiterLoggedAt?: number;
};

export function rateLimiter(): RateLimiter {
  return (state.__continuataLimiter ??= createRateLimiter());
}

/** Tests: swap the backend. */
export function useRateLimiter(limiter: RateLimiter | undefined) {
  state.__continuataLimiter = limiter;
}

/**
 * Fail open, bounded: a backend that errors or does not answer within
 * RATE_LIMIT_TIMEOUT_MS lets the request through (marked degraded), is logged
 * at most every 30 s, and shows as degraded in GET /api/health. An outage of
 * the limiter must not become an outage of the API.
 */
export async function checkRateLimit(
  identifier: string,
  max: number,
  windowMs = 60_000,
  limiter = rateLimiter(),
): Promise<RateLimitResult> {
  // In process memory there is nothing to wait for, so no timeout to arm.
  if (limiter instanceof MemoryRateLimiter) return limiter.limitSync(identifier, max, windowMs);
  let timer: NodeJS.Timeout | undefined;
  const timeout = rateLimitTimeoutMs();
  try {
    const result = await Promise.race([
      limiter.limit(identifier, max, windowMs),
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeout} ms`)), timeout);
      }),
    ]);
    if (result.degraded) noteFailure(limiter, new Error("timed out"));
    return result;
  } catch (err) {
    noteFailure(limiter, err);
    return { success: true, limit: max, remaining: max, reset: Date.now() + windowMs, degraded: true };
  } finally {
    clearTimeout(timer);
  }
}

function noteFailure(limiter: RateLimiter, err: unknown) {
  const now = Date.now();
  state.__continuataLimiterFailedAt = now;
  if (!state.__continuataLimiterLoggedAt || now - state.__continuataLimiterLoggedAt > 30_000) {
    state.__continuataLimiterLoggedAt = now;
    console.error(`[ratelimit] ${limiter.backend} backend unavailable, letting requests through: ${(err as Error).message}`);
  }
}

/** For GET /api/health: the backend answers a ping within the timeout. */
export async function rateLimitHealth(limiter = rateLimiter()): Promise<{ status: "ok" | "degraded"; backend: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const ok = await Promise.race([
      limiter.ping(),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(false), rateLimitTimeoutMs()))),
    ]);
    return { status: ok ? "ok" : "degraded", backend: limiter.backend };
  } catch {
    return { status: "degraded", backend: limiter.backend };
  } finally {
    clearTimeout(timer);
  }
}
