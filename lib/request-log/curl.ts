/** Single-quoted for a POSIX shell: nothing inside expands; a ' is closed, escaped and reopened. */
const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;

/** Headers a proxy, the browser or the HTTP stack adds, not the caller: replaying them breaks the request or lies about it. */
const TRANSPORT = new Set([
  "host",
  "connection",
  "keep-alive",
  "content-length",
  "transfer-encoding",
  "te",
  "upgrade",
  "expect",
  "accept-encoding",
  "user-agent",
  "forwarded",
  "via",
  "x-real-ip",
  "cdn-loop",
  "true-client-ip",
  "cookie",
]);
const TRANSPORT_PREFIX = /^(x-forwarded-|x-continuata-|x-vercel-|x-amzn-|cf-|sec-|proxy-)/;

/** Bodies the log stores in place of the real one ("[body not captured: …]"): nothing to replay. */
const PLACEHOLDER_BODY = /^\[body /;

/**
 * A curl command that runs as it is: the credential comes from $CONTINUATA_API_KEY (the record
 * only has a masked one), only the headers a caller sends, the body single-quoted.
 */
export function toCurl(
  r: { method: string; path: string; query: string | null; requestHeaders: unknown; requestBody: string | null },
  origin: string,
): string {
  const parts = [`curl -X ${r.method} ${quote(`${origin.replace(/\/+$/, "")}${r.path}${r.query ? `?${r.query}` : ""}`)}`];
  const headers = (r.requestHeaders ?? {}) as Record<string, string>;
  for (const [raw, value] of Object.entries(headers)) {
    const name = raw.toLowerCase();
    if (TRANSPORT.has(name) || TRANSPORT_PREFIX.test(name)) continue;
    if (name === "authorization") {
      // Double quotes: the shell expands the variable. Basic is the OAuth token endpoint's client login.
      parts.push(
        /^basic\s/i.test(value) ? `-u "$CONTINUATA_CLIENT_ID:$CONTINUATA_CLIENT_SECRET"` : `-H "Authorization: Bearer $CONTINUATA_API_KEY"`,
      );
    } else if (name === "x-api-key") {
      parts.push(`-H "X-Api-Key: $CONTINUATA_API_KEY"`);
    } else if (name === "accept" && value === "*/*") {
      continue;
    } else {
      parts.push(`-H ${quote(`${name}: ${value}`)}`);
    }
  }
  if (r.requestBody && !PLACEHOLDER_BODY.test(r.requestBody)) parts.push(`--data-binary ${quote(r.requestBody)}`);
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
