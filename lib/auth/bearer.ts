import { AppError } from "@/lib/errors";
import { verifyApiKey } from "@/lib/keys/verify";
import { looksLikeJwt } from "@/lib/oauth/access-token";
import { verifyOAuthToken } from "@/lib/oauth/verify";
import type { VerifiedCredential } from "./credential";

const USAGE = 'Send it as "Authorization: Bearer ct_…" (an API key) or "Authorization: Bearer <access token>".';

/** The token from `Authorization: Bearer …`, or a 401 that says what is wrong with the header. */
export function parseBearer(header: string | null): string {
  const value = header?.trim();
  if (!value) throw new AppError("UNAUTHORIZED", `Missing API key. ${USAGE}`);
  const space = value.indexOf(" ");
  const scheme = space === -1 ? value : value.slice(0, space);
  const token = space === -1 ? "" : value.slice(space + 1).trim();
  if (scheme.toLowerCase() !== "bearer") {
    if (value.startsWith("ct_"))
      throw new AppError("UNAUTHORIZED", `The Authorization header needs the Bearer scheme before the key. ${USAGE}`);
    throw new AppError("UNAUTHORIZED", `Unsupported authorization scheme "${scheme.slice(0, 20)}". ${USAGE}`);
  }
  if (!token) throw new AppError("UNAUTHORIZED", `Missing API key after "Bearer". ${USAGE}`);
  return token;
}

/** `challenge`: the WWW-Authenticate value a 401 carries (RFC 6750 §3). */
export type BearerFailure = { error: AppError; orgId?: string; credentialId?: string; challenge?: string };

export const BEARER_REALM = "continuata";

/**
 * RFC 6750 §3: the realm alone when no token came (missing header, another scheme),
 * error="invalid_token" when one did. error_description allows printable ASCII but " and \.
 */
export function bearerChallenge(tokenError?: string): string {
  const base = `Bearer realm="${BEARER_REALM}"`;
  if (tokenError === undefined) return base;
  return `${base}, error="invalid_token", error_description="${tokenError.replace(/[^\x20-\x21\x23-\x5b\x5d-\x7e]/g, "")}"`;
}

const INVALID = "Missing or invalid API key.";
const unauthorized = (message: string, ids: { orgId?: string; credentialId?: string } = {}): BearerFailure => ({
  error: new AppError("UNAUTHORIZED", message),
  challenge: bearerChallenge(message),
  ...ids,
});
const forbidden = (message: string, ids: { orgId?: string; credentialId?: string }): BearerFailure => ({
  error: new AppError("FORBIDDEN", message),
  ...ids,
});

/**
 * The one verification step for every credential the API accepts: `ct_` API
 * keys and OAuth access tokens (JWTs). Failures carry the credential's
 * organisation when known, so its request history shows them.
 */
export async function verifyBearer(header: string | null): Promise<{ credential: VerifiedCredential } | BearerFailure> {
  let token: string;
  try {
    token = parseBearer(header);
  } catch (error) {
    return { error: error as AppError, challenge: bearerChallenge() };
  }
  if (!token.startsWith("ct_") && looksLikeJwt(token)) return verifyJwt(token);
  const outcome = await verifyApiKey(token);
  if (outcome.ok) return { credential: { type: "api_key", ...outcome.key } };
  const ids = { orgId: outcome.orgId, credentialId: outcome.keyId };
  switch (outcome.reason) {
    case "MALFORMED":
      return unauthorized("Malformed API key: check that it was copied completely.");
    case "NOT_FOUND":
    case "REVOKED":
      return unauthorized(INVALID, ids);
    case "EXPIRED":
      return unauthorized("This API key has expired.", ids);
    case "NOT_A_MEMBER":
      return unauthorized("This API key's user is no longer a member of its organisation.", ids);
    case "DISABLED":
      return forbidden("This API key is disabled. An admin can enable it again in Settings → API Keys.", ids);
    case "ORG_INACTIVE":
      return forbidden("This organisation is inactive. An owner can reactivate it in Settings → Organisation.", ids);
  }
}

async function verifyJwt(token: string): Promise<{ credential: VerifiedCredential } | BearerFailure> {
  const outcome = await verifyOAuthToken(token);
  if (outcome.ok) return { credential: outcome.credential };
  const ids = { orgId: outcome.orgId, credentialId: outcome.clientId };
  switch (outcome.reason) {
    case "EXPIRED":
      return unauthorized("This access token has expired. Request a new one from POST /oauth/token.");
    case "INVALID":
    case "NOT_FOUND":
    case "DELETED":
      return unauthorized("Invalid access token.", ids);
    case "NOT_A_MEMBER":
      return unauthorized("This OAuth client's acting user is no longer a member of its organisation.", ids);
    case "DISABLED":
      return forbidden("This OAuth client is disabled. An admin can enable it again in Settings → OAuth apps.", ids);
    case "ORG_INACTIVE":
      return forbidden("This organisation is inactive. An owner can reactivate it in Settings → Organisation.", ids);
  }
}
