import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { usableScopes } from "./permissions";

/**
 * Keys and OAuth clients as shown (API, dashboard, CLI): with the scopes their user's role can
 * use now, the same cut the bearer check makes (lib/keys/verify.ts, lib/oauth/verify.ts), so a
 * member's key never advertises `admin`. The stored scopes stay: a promotion gives them back.
 */
export async function withUsableScopes<T extends { scopes: string[]; user: { id: string } }>(
  orgId: string,
  rows: T[],
  tx: Prisma.TransactionClient = db,
): Promise<T[]> {
  if (!rows.length) return rows;
  const userIds = [...new Set(rows.map((r) => r.user.id))];
  const memberships = await tx.membership.findMany({ where: { orgId, userId: { in: userIds } }, select: { userId: true, role: true } });
  const roles = new Map(memberships.map((m) => [m.userId, m.role]));
  return rows.map((r) => ({ ...r, scopes: usableScopes(r.scopes, roles.get(r.user.id)) }));
}

export async function withUsableScopesOne<T extends { scopes: string[]; user: { id: string } }>(
  orgId: string,
  row: T,
  tx: Prisma.TransactionClient = db,
): Promise<T> {
  return (await withUsableScopes(orgId, [row], tx))[0];
}
