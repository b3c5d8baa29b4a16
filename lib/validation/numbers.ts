import { z } from "zod";

const INTEGER = /^[+-]?\d{1,15}$/;

/**
 * The one integer parser for text input (form fields, query parameters):
 * decimal digits only. Number() would take "0x10" as 16, "1e3" as 1000 and
 * " " as 0. Empty → null; anything else that is not an integer → NaN, which
 * every number schema refuses with its own message.
 */
export function strictInt(raw: unknown): number | null {
  if (raw === null || raw === undefined) return null;
  const s = String(raw).trim();
  if (s === "") return null;
  return INTEGER.test(s) ? Number(s) : Number.NaN;
}

/** A query parameter or form field holding an integer; numbers (JSON) pass through. */
export const intParam = (message: string) =>
  z.preprocess((v) => (typeof v === "number" ? v : (strictInt(v) ?? undefined)), z.number(message).int(message));
