import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

/**
 * Signing secrets must be readable again (we sign with them), so unlike API keys
 * they are encrypted, not hashed: AES-256-GCM under a key derived from AUTH_SECRET,
 * bound to the endpoint id so a sealed value copied to another row does not open.
 */
const key = () => Buffer.from(hkdfSync("sha256", authSecret(), "continuata", "webhook signing secrets", 32));

export function sealSecret(secret: string, endpointId: string): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key(), iv).setAAD(Buffer.from(endpointId));
  const body = Buffer.concat([cipher.update(secret, "utf8"), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString("base64");
}

export function openSecret(sealed: string, endpointId: string): string {
  const data = Buffer.from(sealed, "base64");
  const decipher = createDecipheriv("aes-256-gcm", key(), data.subarray(0, 12)).setAAD(Buffer.from(endpointId));
  decipher.setAuthTag(data.subarray(12, 28));
  return Buffer.concat([decipher.update(data.subarray(28)), decipher.final()]).toString("utf8");
}

/** Standard Webhooks' form: "whsec_" + base64 of 32 random bytes (what `new Webhook(secret)` reads). */
export const newSigningSecret = () => `whsec_${randomBytes(32).toString("base64")}`;
