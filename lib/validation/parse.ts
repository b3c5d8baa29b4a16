import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { findNul, NUL_MESSAGE } from "./text";

/** Field path → messages, the shape of the API's 422 `errors` and of form errors. */
export function fieldErrors(error: z.ZodError): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const key = issue.path.length ? issue.path.join(".") : "_";
    (out[key] ??= []).push(issue.message);
  }
  return out;
}

/**
 * Every schema parse of outside input goes through here, so a rule for all
 * text (no NUL) holds for every field, present and future.
 */
export function parseOrThrow<T extends z.ZodType>(schema: T, input: unknown): z.infer<T> {
  const nul = findNul(input);
  if (nul.length) throw new AppError("VALIDATION_FAILED", NUL_MESSAGE, Object.fromEntries(nul.map((path) => [path, [NUL_MESSAGE]])));
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const fields = fieldErrors(result.error);
  const first = Object.values(fields)[0]?.[0] ?? "The given data was invalid.";
  throw new AppError("VALIDATION_FAILED", first, fields);
}
