import * as crypto from "node:crypto";
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

// One-shot hash, no Hash object per call (every API request hashes its bearer key). It came
// in Node 20.12; package.json allows 20.9, where the streaming form stays.
const oneShot = (crypto as { hash?: typeof crypto.hash }).hash;
export const sha256Hex = oneShot
  ? (value: string) => oneShot("sha256", value, "hex")
  : (value: string) => createHash("sha256").update(value).digest("hex");

/** 256 bits, URL-safe: for one-time links (invites) where no format is promised. */
export const randomUrlToken = (bytes = 32) => randomBytes(bytes).toString("base64url");

export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
