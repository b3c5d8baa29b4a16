import { can } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import type { Visibility } from "./query";

/** Owners and admins see all of the organisation's requests; members only those made with their keys. */
export function requestVisibility(orgId: string, userId: string, role: Role): Visibility {
  return can(role, "requests.all") ? { orgId } : { orgId, onlyUserId: userId };
}
