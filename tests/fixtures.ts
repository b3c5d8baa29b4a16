import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import type { Actor } from "@/lib/auth/actor";

let n = 0;
/** Unique per call and per test run, so files can share a PostgreSQL database. */
export const unique = (prefix: string) => `${prefix}-${process.pid}-${Date.now().toString(36)}-${++n}`;

export async function createUser(label = "user") {
  return db.user.create({ data: { email: `${unique(label)}@example.com` } });
}

export const actorFor = (user: { id: string }): Actor => ({ userId: user.id, via: "dashboard", ip: "203.0.113.7" });

/** An organisation with an owner and, optionally, more members in given roles. */
export async function createOrgWith(roles: Role[] = []) {
  const owner = await createUser("owner");
  const org = await db.organization.create({ data: { name: unique("Org"), slug: unique("org") } });
  await db.membership.create({ data: { orgId: org.id, userId: owner.id, role: "owner" } });
  const others = [];
  for (const role of roles) {
    const user = await createUser(role);
    await db.membership.create({ data: { orgId: org.id, userId: user.id, role } });
    others.push(user);
  }
  return { org, owner, others };
}

export const roleOf = async (orgId: string, userId: string) =>
  (await db.membership.findUnique({ where: { orgId_userId: { orgId, userId } } }))?.role ?? null;

/** Mints keys through the same lib functions the dashboard and API use. */
export async function personalKey(orgId: string, user: { id: string }) {
  const { refreshPersonalKey } = await import("@/lib/keys/manage");
  return refreshPersonalKey(actorFor(user), orgId);
}

export async function integrationKey(orgId: string, admin: { id: string }, input: Record<string, unknown> = {}) {
  const { createIntegrationKey } = await import("@/lib/keys/manage");
  return createIntegrationKey(actorFor(admin), orgId, { name: unique("Integration"), ...input });
}
