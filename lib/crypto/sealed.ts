import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

/**
 * AES-256-GCM for secrets the app must read back (a third party's signing secret):
 * the key is derived from AUTH_SECRET per `purpose`, and `boundTo` (e.g. the owning
 * organisation's id) is authenticated, so a sealed value copied to another row fails to open.
 * Layout: 12-byte IV, 16-byte tag, ciphertext.
 */
export function sealSecret(plain: string, purpose: string, boundTo: string): Uint8Array<ArrayBuffer> {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", keyFor(purpose), iv).setAAD(Buffer.from(boundTo));
  const encrypted = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return new Uint8Array(Buffer.concat([iv, cipher.getAuthTag(), encrypted]));
}

/** The plain secret, or null when it cannot be opened (AUTH_SECRET changed, or the value was moved). */
export function openSecret(sealed: Uint8Array, purpose: string, boundTo: string): string | null {
  const data = Buffer.from(sealed);
  try {
    const decipher = createDecipheriv("aes-256-gcm", keyFor(purpose), data.subarray(0, 12)).setAAD(Buffer.from(boundTo));
    decipher.setAuthTag(data.subarray(12, 28));
    return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString("utf8");
  } catch {
    return null;
  }
}

const keyFor = (purpose: string) => Buffer.from(hkdfSync("sha256", authSecret(), "continuata", purpose, 32));
