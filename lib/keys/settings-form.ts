import type { KeyUpdate } from "./update";

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The day a key's expiry falls on, as the dashboard shows dates (UTC): the date field's value. */
export const expiryDay = (expiresAt: Date | null): string => (expiresAt ? expiresAt.toISOString().slice(0, 10) : "");

/**
 * The dashboard's scope checkboxes and expiry date field → updateKey input. A day means the
 * key works through the end of that day, UTC; an empty field means it never expires; the day
 * the form opened with (`expiresOnBefore`) is no change, so saving other settings never moves
 * an expiry set to the minute through the API. Validation (future, bounded) stays in updateKey.
 */
export function keyAccessFromForm(form: FormData): Pick<KeyUpdate, "scopes" | "expiresAt"> {
  const day = String(form.get("expiresOn") ?? "").trim();
  const before = String(form.get("expiresOnBefore") ?? "");
  return {
    scopes: form.getAll("scopes").map(String) as KeyUpdate["scopes"],
    expiresAt: day === before ? undefined : day === "" ? null : DAY.test(day) ? `${day}T23:59:59.999Z` : day,
  };
}
