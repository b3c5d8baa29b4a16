import { randomBytes } from "node:crypto";
import { openSecret as open, sealSecret as seal } from "@/lib/crypto/sealed";

/**
 * Signing secrets must be readable again (we sign with them), so unlike API keys
 * they are sealed (lib/crypto/sealed.ts), not hashed, bound to the endpoint id so a
 * sealed value copied to another row does not open. Stored as base64 text.
 */
const PURPOSE = "webhook signing secrets";

export const sealSecret = (secret: string, endpointId: string): string => Buffer.from(seal(secret, PURPOSE, endpointId)).toString("base64");

export function openSecret(sealed: string, endpointId: string): string {
  const secret = open(Buffer.from(sealed, "base64"), PURPOSE, endpointId);
  // Nothing can be signed without it: the worker logs the throw and records no attempt outcome.
  if (secret === null) throw new Error(`The signing secret of webhook endpoint ${endpointId} cannot be opened (AUTH_SECRET changed?).`);
  return secret;
}

/** Standard Webhooks' form: "whsec_" + base64 of 32 random bytes (what `new Webhook(secret)` reads). */
export const newSigningSecret = () => `whsec_${randomBytes(32).toString("base64")}`;
