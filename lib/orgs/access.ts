import type { Prisma } from "@/lib/generated/prisma/client";
import { db } from "@/lib/db/client";
import { forbidden, notFound } from "@/lib/errors";
import { can, type Permission } from "@/lib/auth/permissions";

/** The actor's membership as it is now; outsiders get NOT_FOUND, roles without the right FORBIDDEN. */
export async function requirePermission(
  orgId: string,
  userId: string,
  permission: Permission,
  message: string,
  tx: Prisma.TransactionClient = db,
) {
  const m = await tx.membership.findUnique({ where: { orgId_userId: { orgId, userId } } });
  if (!m) throw notFound("Organisation");
  if (!can(m.role, permission)) throw forbidden(message);
  return m;
}
