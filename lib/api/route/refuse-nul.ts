import { AppError, invalid } from "@/lib/errors";
import { hasNul, NUL_MESSAGE } from "@/lib/validation/text";

/**
 * PostgreSQL text cannot hold NUL: such a path parameter names nothing (404), such a
 * query parameter is refused (422) before any handler can put it in a query.
 */
export function refuseNul(params: unknown, url: URL) {
  for (const value of Object.values(params ?? {})) {
    const values: unknown[] = Array.isArray(value) ? value : [value];
    if (values.some((v) => typeof v === "string" && hasNul(v))) throw new AppError("NOT_FOUND", "Nothing is at this path.");
  }
  for (const [name, value] of url.searchParams) {
    if (hasNul(name) || hasNul(value)) throw invalid(hasNul(name) ? "_" : name, NUL_MESSAGE);
  }
}
