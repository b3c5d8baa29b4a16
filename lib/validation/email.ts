import { z } from "zod";

export const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, "Email addresses are at most 254 characters.")
  .pipe(z.email("Enter a valid email address."));

/** Lower-cased, trimmed address, or null when it is not a valid email. */
export function normalizeEmail(input: unknown): string | null {
  const parsed = emailSchema.safeParse(input);
  return parsed.success ? parsed.data : null;
}
