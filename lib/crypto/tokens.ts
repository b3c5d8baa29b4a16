import { hash, randomBytes, timingSafeEqual } from "node:crypto";

// One-shot hash: no Hash object per call; every API request hashes its bearer key.
export const sha256Hex = (value: string) => hash("sha256", value, "hex");

/** 256 bits, URL-safe: for one-time links (invites) where no format is promised. */
export const randomUrlToken = (bytes = 32) => randomBytes(bytes).toString("base64url");

export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
