/** "name: old → new; rateLimitPerMinute: none → 60" from an entry's metadata (either `changes` or the older from/to shape). */
export function describeChanges(metadata: unknown): string | null {
  if (!metadata || typeof metadata !== "object") return null;
  const m = metadata as Record<string, unknown>;
  const show = (v: unknown) => (v === null || v === undefined ? "none" : Array.isArray(v) ? v.join(", ") || "none" : String(v));
  if (m.changes && typeof m.changes === "object") {
    const parts = Object.entries(m.changes as Record<string, { from?: unknown; to?: unknown }>).map(
      ([field, c]) => `${field}: ${show(c?.from)} → ${show(c?.to)}`,
    );
    return parts.length ? parts.join("; ") : null;
  }
  if ("from" in m && "to" in m) return `${show(m.from)} → ${show(m.to)}`;
  return null;
}
