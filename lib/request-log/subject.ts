import { parseBearer } from "@/lib/auth/bearer";
import { hashKey, isWellFormedKey } from "@/lib/keys/format";
import { looksLikeJwt, verifyAccessToken } from "@/lib/oauth/access-token";
import type { LogSubject, PendingSubject } from "./row";

/**
 * Whom to record a request for when its credential could not be looked up
 * (database down). An API key is kept as its hash and resolved when the record
 * is written; an access token names its organisation and client in its signed
 * claims. Anything else is not recorded, as when the database is up.
 */
export async function subjectWithoutDatabase(authorization: string | null): Promise<LogSubject | PendingSubject | null> {
  let token: string;
  try {
    token = parseBearer(authorization);
  } catch {
    return null;
  }
  if (isWellFormedKey(token)) return { apiKeyHash: hashKey(token) };
  if (looksLikeJwt(token)) {
    const claims = await verifyAccessToken(token);
    if (claims.ok) return { orgId: claims.orgId, keyId: claims.clientId };
  }
  return null;
}
