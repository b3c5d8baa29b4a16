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
