import type { Role } from "@/lib/generated/prisma/enums";

/** What the bearer wrapper knows about a verified API key or OAuth access token. */
export interface VerifiedCredential {
  type: "api_key" | "oauth_client";
  id: string;
  name: string;
  kind: "personal" | "integration" | "oauth_client";
  scopes: string[];
  orgId: string;
  orgSlug: string;
  orgName: string;
  userId: string;
  userEmail: string | null;
  role: Role;
  rateLimitPerMinute: number | null;
}

/** The columns verify_api_key() and verify_oauth_client() both return: the credential and who it acts as now. */
export interface CredentialRow {
  id: string;
  name: string;
  scopes: string[];
  orgId: string;
  userId: string;
  disabledAt: Date | null;
  orgSlug: string;
  orgName: string;
  orgActive: boolean;
  userEmail: string | null;
  role: Role | null;
  rateLimitPerMinute: number | null;
}

/** The organisation, user, role and rate limit a verified credential acts with. */
export function actingAs(row: CredentialRow, role: Role) {
  return {
    orgId: row.orgId,
    orgSlug: row.orgSlug,
    orgName: row.orgName,
    userId: row.userId,
    userEmail: row.userEmail,
    role,
    rateLimitPerMinute: row.rateLimitPerMinute,
  };
}
