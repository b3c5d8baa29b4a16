import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { usableScopes } from "./permissions";

/**
 * Keys and OAuth clients as shown (API, dashboard, CLI): with the scopes their user's role can
 * use now, the same cut the bearer check makes (lib/keys/verify.ts, lib/oauth/verify.ts), so a
 * member's key never advertises `admin`. The stored scopes stay: a promotion gives them back.
 */
/** Each user's role in the organisation now; users who left are absent. */
export async function rolesOf(orgId: string, userIds: string[], tx: Prisma.TransactionClient = db): Promise<Map<string, Role>> {
  if (!userIds.length) return new Map();
  const memberships = await tx.membership.findMany({
    where: { orgId, userId: { in: [...new Set(userIds)] } },
    select: { userId: true, role: true },
  });
  return new Map(memberships.map((m) => [m.userId, m.role]));
}

export async function withUsableScopes<T extends { scopes: string[]; user: { id: string } }>(
  orgId: string,
  rows: T[],
  tx: Prisma.TransactionClient = db,
): Promise<T[]> {
  if (!rows.length) return rows;
  const roles = await rolesOf(
    orgId,
    rows.map((r) => r.user.id),
    tx,
  );
  return rows.map((r) => ({ ...r, scopes: usableScopes(r.scopes, roles.get(r.user.id)) }));
}

export async function withUsableScopesOne<T extends { scopes: string[]; user: { id: string } }>(
  orgId: string,
  row: T,
  tx: Prisma.TransactionClient = db,
): Promise<T> {
  return (await withUsableScopes(orgId, [row], tx))[0];
}
