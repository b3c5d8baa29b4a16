export interface RateLimitResult {
  success: boolean;
  limit: number;
  remaining: number;
  /** When the current window ends, ms since the epoch. */
  reset: number;
  /** The backend did not answer in time; the request was let through (fail open). */
  degraded?: boolean;
}

export interface RateLimiter {
  readonly backend: "memory" | "redis" | "upstash";
  /** Counts one request for `identifier` against `max` per `windowMs`. */
  limit(identifier: string, max: number, windowMs: number): Promise<RateLimitResult>;
  /** Whether the backend answers within the timeout. */
  ping(): Promise<boolean>;
}
