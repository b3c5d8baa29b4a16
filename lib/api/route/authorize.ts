import { AppError } from "@/lib/errors";
import { can, scopeFor, type Permission } from "@/lib/auth/permissions";
import type { VerifiedCredential } from "@/lib/auth/credential";
import type { ApiAuth } from "./types";

/** The route's permission: the credential's user has a role that may use it, and the credential holds its scope. */
export function authorize(key: VerifiedCredential, ip: string | null, permission: Permission): ApiAuth {
  // Role first: a member's key holds no `admin` scope (lib/auth/permissions.ts usableScopes), and
  // "your role cannot" says more than "your key lacks admin".
  if (!can(key.role, permission)) {
    throw new AppError(
      "FORBIDDEN",
      `The key's user is ${key.role === "admin" ? "an admin" : `a ${key.role}`} of this organisation; that role cannot do this.`,
    );
  }
  const scope = scopeFor(permission);
  if (!key.scopes.includes(scope)) {
    throw new AppError(
      "INSUFFICIENT_SCOPE",
      `This ${key.type === "api_key" ? "key" : "access token"} lacks the "${scope}" scope needed here (it has: ${key.scopes.join(", ") || "none"}).`,
    );
  }
  return {
    credential: { type: key.type, id: key.id, name: key.name, kind: key.kind, scopes: key.scopes },
    org: { id: key.orgId, slug: key.orgSlug, name: key.orgName },
    user: { id: key.userId, email: key.userEmail },
    role: key.role,
    actor: { userId: key.userId, via: "api", ip },
  };
}
