import { randomBytes } from "node:crypto";
import { sha256Hex } from "@/lib/crypto/tokens";
import { crc32 } from "node:zlib";

/**
 * Key format, GitHub-style: `ct_` + 32 random base62 characters (~190 bits)
 * + 6 base62 characters of CRC32 over those 32. A double-click selects the
 * whole key; a secret scanner recognises it; a typo fails the checksum and
 * is rejected without a database query.
 */
export const KEY_PREFIX = "ct_";
const RANDOM_LENGTH = 32;
const CHECKSUM_LENGTH = 6;
const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const KEY_PATTERN = new RegExp(`^${KEY_PREFIX}[0-9A-Za-z]{${RANDOM_LENGTH + CHECKSUM_LENGTH}}$`);

function randomBase62(length: number): string {
  let out = "";
  while (out.length < length) {
    for (const byte of randomBytes(length * 2)) {
      // 248 = 62 * 4: rejecting higher bytes keeps every character equally likely.
      if (byte < 248) out += ALPHABET[byte % 62];
      if (out.length === length) break;
    }
  }
  return out;
}

function base62(n: number, width: number): string {
  let out = "";
  do {
    out = ALPHABET[n % 62] + out;
    n = Math.floor(n / 62);
  } while (n > 0);
  return out.padStart(width, "0");
}

const checksum = (body: string) => base62(crc32(body), CHECKSUM_LENGTH);

export function mintKeyToken(prefix = KEY_PREFIX): string {
  const body = randomBase62(RANDOM_LENGTH);
  return `${prefix}${body}${checksum(body)}`;
}

/** Shape and checksum only: no I/O. */
export function isWellFormedKey(token: string): boolean {
  if (!KEY_PATTERN.test(token)) return false;
  const body = token.slice(KEY_PREFIX.length, KEY_PREFIX.length + RANDOM_LENGTH);
  return token.endsWith(checksum(body));
}

/**
 * SHA-256, no pepper: a key carries ~190 random bits, so a leaked hash cannot
 * be brute-forced, and there is no extra secret whose loss would void every key.
 */
export const hashKey = sha256Hex;

export const keyHint = (token: string) => `${KEY_PREFIX}…${token.slice(-4)}`;
