import { lookupCredential } from "@/lib/auth/credential-cache";
import { actingAs, type CredentialRow, type VerifiedCredential } from "@/lib/auth/credential";
import { usableScopes } from "@/lib/auth/permissions";
import { verifyAccessToken } from "./access-token";

interface Row extends CredentialRow {
  deletedAt: Date | null;
}

export type OAuthOutcome =
  | { ok: true; credential: VerifiedCredential }
  | { ok: false; reason: "EXPIRED" | "INVALID" | "NOT_FOUND" | "DELETED" | "NOT_A_MEMBER"; orgId?: string; clientId?: string }
  | { ok: false; reason: "DISABLED" | "ORG_INACTIVE"; orgId: string; clientId: string };

/**
 * An access token → who it acts as. After the signature, one query checks the
 * client as it is now: a disabled or deleted client's live tokens stop at once.
 */
export async function verifyOAuthToken(token: string): Promise<OAuthOutcome> {
  const claims = await verifyAccessToken(token);
  if (!claims.ok) return { ok: false, reason: claims.reason };
  const row = await lookupCredential<Row>("verify_oauth_client", claims.clientId);
  if (!row || row.orgId !== claims.orgId) return { ok: false, reason: "NOT_FOUND" };
  const ids = { orgId: row.orgId, clientId: row.id };
  if (row.deletedAt) return { ok: false, reason: "DELETED", ...ids };
  if (!row.role) return { ok: false, reason: "NOT_A_MEMBER", ...ids };
  if (row.disabledAt) return { ok: false, reason: "DISABLED", ...ids };
  if (!row.orgActive) return { ok: false, reason: "ORG_INACTIVE", ...ids };
  return {
    ok: true,
    credential: {
      type: "oauth_client",
      id: row.id,
      name: row.name,
      kind: "oauth_client",
      // The token's scopes, never more than the client has now nor than its acting user's role can use.
      scopes: usableScopes(
        claims.scopes.filter((s) => row.scopes.includes(s)),
        row.role,
      ),
      ...actingAs(row, row.role),
    },
  };
}
