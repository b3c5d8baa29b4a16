import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

/**
 * AES-256-GCM for what the app must read back (a third party's signing secret, an answer
 * replayed later): the key is derived from AUTH_SECRET per `purpose`, and `boundTo` (e.g. the
 * owning row's id) is authenticated, so a sealed value copied to another row fails to open.
 * Layout: 12-byte IV, 16-byte tag, ciphertext. Every sealed value the app stores has this
 * layout (lib/crypto/sealed.test.ts opens values sealed before the copies were merged here).
 */
export function sealBytes(plain: Uint8Array, purpose: string, boundTo: string): Uint8Array<ArrayBuffer> {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), iv).setAAD(Buffer.from(boundTo));
  const encrypted = Buffer.concat([cipher.update(plain), cipher.final()]);
  return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), encrypted]));
}

/** The plain bytes, or null when they cannot be opened (AUTH_SECRET changed, or the value was moved). */
export function openBytes(sealed: Uint8Array, purpose: string, boundTo: string): Uint8Array<ArrayBuffer> | null {
  const data = Buffer.from(sealed);
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), data.subarray(0, 12)).setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(data.subarray(12, 28));
    return new Uint8Array(Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]));
  } catch {
    return null;
  }
}

export const sealSecret = (plain: string, purpose: string, boundTo: string): Uint8Array<ArrayBuffer> =>
  sealBytes(Buffer.from(plain, "utf8"), purpose, boundTo);

/** The plain secret, or null when it cannot be opened (AUTH_SECRET changed, or the value was moved). */
export function openSecret(sealed: Uint8Array, purpose: string, boundTo: string): string | null {
  const plain = openBytes(sealed, purpose, boundTo);
  return plain && Buffer.from(plain.buffer, plain.byteOffset, plain.byteLength).toString("utf8");
}

const keyFor = (purpose: string) => Buffer.from(hkdfSync("sha256", authSecret(), "continuata", purpose, 32));
