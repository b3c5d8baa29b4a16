import { PEER_HEADER } from "@/lib/http/peer-header";

/**
 * Secrets never reach the request log in plain text. Applied to headers,
 * query strings and bodies before anything is stored.
 */
// API keys and download tokens (ct_), OAuth client secrets (cts_), access tokens (JWTs).
const CREDENTIAL = /(cts?_)[0-9A-Za-z_-]{8,}|eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/g;
const LOOKS_LIKE_CREDENTIAL = /cts?_[0-9A-Za-z_-]{8,}|eyJ[\w-]{5,}\.[\w-]{5,}\.[\w-]{5,}/;
// Names that end in a secret word: clientSecret, access_token, x-api-key, key;
// not api_key_name, token_type or keyId, which describe a secret without holding it.
const SECRET_WORDS = "secret|token|password|passwd|authorization|api[_-]?key|credentials?|cookie";
const SECRET_NAME = new RegExp(`(${SECRET_WORDS}|^key)s?$`, "i");

export const MASK = "[masked]";

/**
 * JSON that may need masking: a credential anywhere, a member whose name is
 * secret-looking (SECRET_NAME, as a JSON key), or an escape, behind which
 * either could hide (`"\u0074oken"`). Everything else is stored as it came.
 */
const MAY_HOLD_SECRET = new RegExp(`${LOOKS_LIKE_CREDENTIAL.source}|(${SECRET_WORDS}|"key)s?"\\s*:|\\\\`, "i");

/** `ct_…abcd` / `cts_…abcd`: enough to tell which key it was, useless to anyone reading. */
const hint = (token: string, prefix = token.startsWith("cts_") ? "cts_" : "ct_") => `${prefix}…${token.slice(-4)}`;

/** Masks API keys, download tokens, client secrets and JWTs wherever they appear in free text. */
export function maskText(text: string): string {
  return text.replace(CREDENTIAL, (t, prefix?: string) => (prefix ? hint(t, prefix) : "eyJ…[masked]"));
}

// Under a secret name only an API key keeps its hint (which key was it?); anything else is masked whole.
const maskValue = (value: unknown): unknown => (typeof value === "string" && value.startsWith("ct_") ? hint(value) : MASK);

/** Decodes percent-escapes where it can: a secret written as `%63t_…` is still that secret. */
function decoded(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * A URL path as stored: any segment that holds a credential (plain or
 * percent-encoded) is replaced by its masked form; other segments stay as sent.
 */
export function maskPath(path: string): string {
  return path
    .split("/")
    .map((segment) => {
      const plain = decoded(segment);
      return LOOKS_LIKE_CREDENTIAL.test(plain) || LOOKS_LIKE_CREDENTIAL.test(segment) ? maskText(plain) : segment;
    })
    .join("/");
}

/** Masks values under secret-looking names, recursively, and secrets in any string. */
export function maskJson(value: unknown, depth = 0): unknown {
  if (depth > 20) return MASK;
  if (typeof value === "string") return maskText(value);
  if (Array.isArray(value)) return value.map((v) => maskJson(v, depth + 1));
  if (value && typeof value === "object") {
    const entry = ([k, v]: [string, unknown]) => [
      maskText(k),
      SECRET_NAME.test(k) && v !== null && typeof v !== "object" ? maskValue(v) : maskJson(v, depth + 1),
    ];
    return Object.fromEntries(Object.entries(value).map(entry));
  }
  return value;
}

/** `a=1&token=ct_…` → secret parameters masked. */
export function maskQuery(query: string): string {
  if (!query) return query;
  const masked = new URLSearchParams();
  for (const [k, v] of new URLSearchParams(query)) masked.append(maskText(k), SECRET_NAME.test(k) ? String(maskValue(v)) : maskText(v));
  return masked.toString();
}

/** Request headers for the log: cookies dropped, Authorization reduced to scheme + hint. */
export function maskHeaders(headers: Headers): Record<string, string> {
  const out: Record<string, string> = {};
  let count = 0;
  for (const [name, value] of headers) {
    // The peer stamp's header carries this process's nonce: never stored, never shown.
    if (name === "cookie" || name === "set-cookie" || name === PEER_HEADER || count++ >= 50) continue;
    if (name === "authorization") {
      const [scheme, ...rest] = value.split(" ");
      const token = rest.join(" ");
      out[name] = token ? `${scheme} ${/^cts?_/.test(token) ? hint(token) : MASK}` : MASK;
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
    // Most bodies hold nothing to mask: keep them as sent, without parsing them again.
    if (!MAY_HOLD_SECRET.test(text)) return text;
    try {
      return JSON.stringify(maskJson(JSON.parse(text)));
    } catch {
      return maskText(text);
    }
  }
  if (contentType.includes("x-www-form-urlencoded")) return maskQuery(text);
  return maskText(text);
}
