import { hkdfSync } from "node:crypto";
import { authSecret } from "@/lib/auth/secret";

let cached: Uint8Array | undefined;

/**
 * The HS256 key for access tokens: OAUTH_SIGNING_KEY when set, otherwise
 * derived from AUTH_SECRET (itself generated under ./data in development), so
 * a deployment has one secret less to manage. Changing either invalidates
 * issued tokens, which live an hour at most.
 */
export function accessTokenKey(): Uint8Array {
  if (cached) return cached;
  const configured = process.env.OAUTH_SIGNING_KEY;
  cached = configured
    ? new TextEncoder().encode(configured)
    : new Uint8Array(hkdfSync("sha256", authSecret(), "continuata", "oauth access token signing key", 32));
  return cached;
}
