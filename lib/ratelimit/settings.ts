import { z } from "zod";

/** Per-minute limits an owner or admin may set: null falls back (key → organisation → 60). */
export const perMinuteSchema = z
  .number("Use a whole number of requests per minute, or null for the default.")
  .int("Use a whole number of requests per minute.")
  .min(1, "At least 1 request per minute.")
  .max(100_000, "At most 100000 requests per minute.")
  .nullable();
