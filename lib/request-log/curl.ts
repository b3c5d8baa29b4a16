const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

const SKIP = new Set([
  "host",
  "connection",
  "content-length",
  "accept-encoding",
  "x-forwarded-for",
  "x-forwarded-proto",
  "x-forwarded-host",
  "x-real-ip",
]);

/** A curl command for a recorded request (its secrets already masked in the record). */
export function toCurl(
  r: { method: string; path: string; query: string | null; requestHeaders: unknown; requestBody: string | null },
  origin: string,
): string {
  const parts = [`curl -X ${r.method} ${quote(`${origin}${r.path}${r.query ? `?${r.query}` : ""}`)}`];
  const headers = (r.requestHeaders ?? {}) as Record<string, string>;
  for (const [name, value] of Object.entries(headers)) {
    if (!SKIP.has(name)) parts.push(`-H ${quote(`${name}: ${value}`)}`);
  }
  if (r.requestBody && !r.requestBody.startsWith("[")) parts.push(`--data ${quote(r.requestBody)}`);
  return parts.join(" \\\n  ");
}

/** Pretty-printed JSON when the text is JSON, the text as it is otherwise. */
export function pretty(text: string | null): string {
  if (!text) return "";
  try {
    return JSON.stringify(JSON.parse(text), null, 2);
  } catch {
    return text;
  }
}
