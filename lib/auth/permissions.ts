import type { Role } from "@/lib/generated/prisma/enums";

/**
 * Who may do what, by role. The dashboard, server actions and the API all
 * ask `can()`; nothing else decides a permission.
 */
export const PERMISSIONS = [
  "catalog.read", // products, versions, files, tokens, purchases
  "catalog.write",
  "key.personal", // own personal API key
  "requests.own", // request history of own keys
  "requests.all",
  "org.settings", // name, subscription state, retention, rate limits
  "members.read",
  "members.manage",
  "keys.manage", // integration keys and OAuth clients
  "audit.read",
  "org.owner", // delete the organisation, transfer ownership, grant ownership
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const memberGrants: Permission[] = ["catalog.read", "catalog.write", "key.personal", "requests.own"];
const adminGrants: Permission[] = [
  ...memberGrants,
  "requests.all",
  "org.settings",
  "members.read",
  "members.manage",
  "keys.manage",
  "audit.read",
];

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  member: new Set(memberGrants),
  admin: new Set(adminGrants),
  owner: new Set<Permission>([...adminGrants, "org.owner"]),
};

export function can(role: Role | null | undefined, permission: Permission): boolean {
  return !!role && GRANTS[role].has(permission);
}

export const ROLES: readonly Role[] = ["owner", "admin", "member"];
export const roleLabel: Record<Role, string> = { owner: "Owner", admin: "Admin", member: "Member" };
