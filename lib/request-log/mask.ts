/**
 * Secrets never reach the request log in plain text. Applied to headers,
 * query strings and bodies before anything is stored.
 */
const CT_TOKEN = /ct_[0-9A-Za-z_-]{8,}/g;
const JWT = /eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/g;
// Names that end in a secret word: clientSecret, access_token, x-api-key, key;
// not api_key_name, token_type or keyId, which describe a secret without holding it.
const SECRET_NAME = /(secret|token|password|passwd|authorization|api[_-]?key|^key|credentials?|cookie)s?$/i;

export const MASK = "[masked]";

const hint = (token: string) => `${token.slice(0, 3)}…${token.slice(-4)}`;

/** Masks API keys, download tokens and JWTs wherever they appear in free text. */
export function maskText(text: string): string {
  return text.replace(CT_TOKEN, (t) => hint(t)).replace(JWT, "eyJ…[masked]");
}

const maskValue = (value: unknown): unknown => (typeof value === "string" && value.startsWith("ct_") ? hint(value) : MASK);

/** Masks values under secret-looking names, recursively, and secrets in any string. */
export function maskJson(value: unknown, depth = 0): unknown {
  if (depth > 20) return MASK;
  if (typeof value === "string") return maskText(value);
  if (Array.isArray(value)) return value.map((v) => maskJson(v, depth + 1));
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, SECRET_NAME.test(k) && v !== null && typeof v !== "object" ? maskValue(v) : maskJson(v, depth + 1)]));
  }
  return value;
}

/** `a=1&token=ct_…` → secret parameters masked. */
export function maskQuery(query: string): string {
  if (!query) return query;
  const params = new URLSearchParams(query);
  for (const [k, v] of [...params]) params.set(k, SECRET_NAME.test(k) ? String(maskValue(v)) : maskText(v));
  return params.toString();
}

/** Request headers for the log: cookies dropped, Authorization reduced to scheme + hint. */
export function maskHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of headers) {
    if (name === "cookie" || name === "set-cookie" || count++ >= 50) continue;
    if (name === "authorization") {
      const [scheme, ...rest] = value.split(" ");
      const token = rest.join(" ");
      out[name] = token ? `${scheme} ${token.startsWith("ct_") ? hint(token) : MASK}` : MASK;
    } else if (SECRET_NAME.test(name)) {
      out[name] = MASK;
    } else {
      out[name] = maskText(value.slice(0, 1024));
    }
  }
  return out;
}

/** A body as stored: JSON masked by field name, form data by parameter, anything else as text. */
export function maskBody(text: string, contentType: string): string {
  if (contentType.includes("json")) {
    try {
      return JSON.stringify(maskJson(JSON.parse(text)));
    } catch {
      return maskText(text);
    }
  }
  if (contentType.includes("x-www-form-urlencoded")) return maskQuery(text);
  return maskText(text);
}
