/**
 * Text PostgreSQL can store. It refuses NUL in text and jsonb (22021 / 22P05)
 * and invalid UTF-8; a request may carry either. Both become visible escapes
 * (`\u0000`, `\xE0`) so the record shows what was sent instead of failing.
 */
const UNSTORABLE = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function storable(text: string): string;
export function storable(text: string | null | undefined): string | null;
export function storable(text: string | null | undefined): string | null {
  if (text == null) return null;
  return text.replace(UNSTORABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const STRICT = new TextDecoder("utf-8", { fatal: true });
const LOOSE = new TextDecoder("utf-8");

/** Length of the well-formed UTF-8 sequence at `i`, or 0 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF). */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i];
  if (c < 0x80) return 1;
  const n = c >= 0xc2 && c <= 0xdf ? 2 : c >= 0xe0 && c <= 0xef ? 3 : c >= 0xf0 && c <= 0xf4 ? 4 : 0;
  if (!n || i + n > b.length) return 0;
  for (let k = 1; k < n; k++) if ((b[i + k] & 0xc0) !== 0x80) return 0;
  const next = b[i + 1];
  if ((c === 0xe0 && next < 0xa0) || (c === 0xed && next > 0x9f) || (c === 0xf0 && next < 0x90) || (c === 0xf4 && next > 0x8f)) return 0;
  return n;
}

/** Bytes as text; each byte that is not part of valid UTF-8 becomes `\xNN` rather than a silent U+FFFD. */
export function decodeUtf8(bytes: Uint8Array): string {
  try {
    return STRICT.decode(bytes);
  } catch {
    // fall through: escape the bad bytes one by one
  }
  let out = "";
  let start = 0;
  for (let i = 0; i < bytes.length;) {
    const n = sequenceLength(bytes, i);
    if (n) {
      i += n;
      continue;
    }
    out += LOOSE.decode(bytes.subarray(start, i)) + `\\x${bytes[i].toString(16).toUpperCase().padStart(2, "0")}`;
    start = ++i;
  }
  return out + LOOSE.decode(bytes.subarray(start));
}

/** Header names and values made storable (jsonb refuses NUL even escaped). */
export function storableRecord(record: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(record)) out[storable(name)] = storable(value);
  return out;
}
