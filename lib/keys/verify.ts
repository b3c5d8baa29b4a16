import { lookupCredential } from "@/lib/auth/credential-cache";
import { actingAs, type CredentialRow, type VerifiedCredential } from "@/lib/auth/credential";
import { usableScopes } from "@/lib/auth/permissions";
import { hashKey, isWellFormedKey } from "./format";

export type KeyOutcome =
  | { ok: true; key: VerifiedKey }
  | { ok: false; reason: "MALFORMED" | "NOT_FOUND" | "REVOKED" | "EXPIRED" | "NOT_A_MEMBER"; orgId?: string; keyId?: string }
  | { ok: false; reason: "DISABLED" | "ORG_INACTIVE"; orgId: string; keyId: string };

/** A verified API key: a credential of type "api_key" (lib/auth/credential.ts). */
export type VerifiedKey = Omit<VerifiedCredential, "type" | "kind"> & { kind: "personal" | "integration" };

interface Row extends CredentialRow {
  kind: "personal" | "integration";
  expiresAt: Date | null;
  revokedAt: Date | null;
}

/**
 * A bearer key → who it acts as, or why not. One indexed query (key by hash,
 * its organisation, the user's role there now; the SQL is in verify_api_key()),
 * kept only as long as none of those rows changes (lib/auth/credential-cache.ts),
 * so a demoted or removed user's key loses its rights on the next request.
 * Expiry is checked against the clock on every request.
 */
export async function verifyApiKey(token: string, now = new Date()): Promise<KeyOutcome> {
  if (!isWellFormedKey(token)) return { ok: false, reason: "MALFORMED" };
  // verify_api_key(): see its migration; one indexed lookup with a cached plan.
  const row = await lookupCredential<Row>("verify_api_key", hashKey(token));
  if (!row) return { ok: false, reason: "NOT_FOUND" };
  const ids = { orgId: row.orgId, keyId: row.id };
  if (row.revokedAt) return { ok: false, reason: "REVOKED", ...ids };
  if (row.expiresAt && row.expiresAt <= now) return { ok: false, reason: "EXPIRED", ...ids };
  if (!row.role) return { ok: false, reason: "NOT_A_MEMBER", ...ids };
  if (row.disabledAt) return { ok: false, reason: "DISABLED", ...ids };
  if (!row.orgActive) return { ok: false, reason: "ORG_INACTIVE", ...ids };
  return {
    ok: true,
    // Only what the user's role can use now: a demoted admin's key loses `admin` on the next request.
    key: { id: row.id, name: row.name, kind: row.kind, scopes: usableScopes(row.scopes, row.role), ...actingAs(row, row.role) },
  };
}
