import { driver } from "@/lib/db/client";
import { credentialCache } from "@/lib/auth/credential-cache";
import type { Role } from "@/lib/generated/prisma/enums";
import type { VerifiedCredential } from "@/lib/auth/credential";
import { verifyAccessToken } from "./access-token";

interface Row {
  id: string;
  name: string;
  scopes: string[];
  orgId: string;
  userId: string;
  disabledAt: Date | null;
  deletedAt: Date | null;
  orgSlug: string;
  orgName: string;
  orgActive: boolean;
  userEmail: string | null;
  role: Role | null;
  rateLimitPerMinute: number | null;
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
  const clientId = claims.clientId;
  const row = await credentialCache().get(`client:${clientId}`, async () => (await driver.query<Row>("SELECT * FROM verify_oauth_client($1)", [clientId]))[0]);
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
      // The token's scopes, never more than the client has now.
      scopes: claims.scopes.filter((s) => row.scopes.includes(s)),
      orgId: row.orgId,
      orgSlug: row.orgSlug,
      orgName: row.orgName,
      userId: row.userId,
      userEmail: row.userEmail,
      role: row.role,
      rateLimitPerMinute: row.rateLimitPerMinute,
    },
  };
}
