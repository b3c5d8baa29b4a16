import type { Role } from "@/lib/generated/prisma/enums";
import { SCOPES, type Scope } from "@/lib/keys/scopes";

export const ROLES: readonly Role[] = ["owner", "admin", "member"];
export const roleLabel: Record<Role, string> = { owner: "Owner", admin: "Admin", member: "Member" };

const everyone: readonly Role[] = ROLES;
const admins: readonly Role[] = ["owner", "admin"];

/**
 * Who may do what: the one table. A permission names the roles that hold it and the API scope a
 * credential needs to use it. API routes declare a permission (lib/api/route.ts), pages and the
 * sidebar declare one (components/dashboard/nav.ts), lib/ functions ask `can()`; a credential's
 * scopes are cut to those its user's role can use (`usableScopes`), so nothing else decides.
 */
export const PERMISSION_TABLE = {
  "self.read": { scope: "read", roles: everyone }, // who a credential acts as (whoami)
  "catalog.read": { scope: "read", roles: everyone }, // products, versions, files, tokens, purchases
  "catalog.write": { scope: "write", roles: everyone },
  "key.personal": { scope: "write", roles: everyone }, // own personal API key (dashboard)
  "requests.own": { scope: "read", roles: everyone }, // request history of own keys
  "requests.all": { scope: "read", roles: admins },
  "org.settings": { scope: "admin", roles: admins }, // name, subscription state, retention, rate limits
  "members.read": { scope: "admin", roles: admins },
  "members.manage": { scope: "admin", roles: admins },
  "keys.manage": { scope: "admin", roles: admins }, // integration keys and OAuth clients
  "audit.read": { scope: "admin", roles: admins },
  "org.owner": { scope: "admin", roles: ["owner"] }, // delete the organisation, transfer ownership, grant ownership
} as const satisfies Record<string, { scope: Scope; roles: readonly Role[] }>;

export type Permission = keyof typeof PERMISSION_TABLE;
export const PERMISSIONS = Object.keys(PERMISSION_TABLE) as Permission[];

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return !!role && (PERMISSION_TABLE[permission].roles as readonly Role[]).includes(role);
}

/** The API scope a credential needs for this permission. */
export const scopeFor = (permission: Permission): Scope => PERMISSION_TABLE[permission].scope;

const ROLE_SCOPES = Object.fromEntries(
  ROLES.map((role) => {
    const granted = new Set(PERMISSIONS.filter((p) => can(role, p)).map(scopeFor));
    return [role, SCOPES.filter((s) => granted.has(s))];
  }),
) as unknown as Record<Role, readonly Scope[]>;

/** Every scope some permission of this role needs: what a key of this role may hold (member: read, write). */
export const scopesForRole = (role: Role | null | undefined): readonly Scope[] => (role ? ROLE_SCOPES[role] : []);

/**
 * What a credential can use now: its stored scopes cut to its user's current role. A key minted
 * for an admin who is later demoted keeps its stored scopes (a promotion gives them back) but
 * neither holds nor shows `admin` meanwhile.
 */
export function usableScopes(scopes: readonly string[], role: Role | null | undefined): Scope[] {
  const allowed = scopesForRole(role);
  return allowed.filter((s) => scopes.includes(s));
}
