import { AppError } from "@/lib/errors";
import { verifyApiKey, type VerifiedKey } from "@/lib/keys/verify";

const USAGE = 'Send it as "Authorization: Bearer ct_…".';

/** The token from `Authorization: Bearer …`, or a 401 that says what is wrong with the header. */
export function parseBearer(header: string | null): string {
  const value = header?.trim();
  if (!value) throw new AppError("UNAUTHORIZED", `Missing API key. ${USAGE}`);
  const space = value.indexOf(" ");
  const scheme = space === -1 ? value : value.slice(0, space);
  const token = space === -1 ? "" : value.slice(space + 1).trim();
  if (scheme.toLowerCase() !== "bearer") {
    if (value.startsWith("ct_")) throw new AppError("UNAUTHORIZED", `The Authorization header needs the Bearer scheme before the key. ${USAGE}`);
    throw new AppError("UNAUTHORIZED", `Unsupported authorization scheme "${scheme.slice(0, 20)}". ${USAGE}`);
  }
  if (!token) throw new AppError("UNAUTHORIZED", `Missing API key after "Bearer". ${USAGE}`);
  return token;
}

export type BearerFailure = { error: AppError; orgId?: string; keyId?: string };

const INVALID = "Missing or invalid API key.";

/** Verifies the credential; failures carry the key's org when known (for request history). */
export async function verifyBearer(header: string | null): Promise<{ key: VerifiedKey } | BearerFailure> {
  let token: string;
  try {
    token = parseBearer(header);
  } catch (error) {
    return { error: error as AppError };
  }
  const outcome = await verifyApiKey(token);
  if (outcome.ok) return { key: outcome.key };
  const ids = { orgId: outcome.orgId, keyId: outcome.keyId };
  switch (outcome.reason) {
    case "MALFORMED":
      return { error: new AppError("UNAUTHORIZED", "Malformed API key: check that it was copied completely.") };
    case "NOT_FOUND":
    case "REVOKED":
      return { error: new AppError("UNAUTHORIZED", INVALID), ...ids };
    case "EXPIRED":
      return { error: new AppError("UNAUTHORIZED", "This API key has expired."), ...ids };
    case "NOT_A_MEMBER":
      return { error: new AppError("UNAUTHORIZED", "This API key's user is no longer a member of its organisation."), ...ids };
    case "DISABLED":
      return { error: new AppError("FORBIDDEN", "This API key is disabled. An admin can enable it again in Settings → API Keys."), ...ids };
    case "ORG_INACTIVE":
      return { error: new AppError("FORBIDDEN", "This organisation is inactive. An owner can reactivate it in Settings → Organisation."), ...ids };
  }
}
