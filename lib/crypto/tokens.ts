import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

export const sha256Hex = (value: string) => createHash("sha256").update(value).digest("hex");

/** 256 bits, URL-safe: for one-time links (invites) where no format is promised. */
export const randomUrlToken = (bytes = 32) => randomBytes(bytes).toString("base64url");

export function constantTimeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
