import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { lockOrganization } from "./lock";
import { assertRowId } from "@/lib/validation/text";
import type { Prisma } from "@/lib/generated/prisma/client";

type Tx = Prisma.TransactionClient;

const LAST_OWNER = "An organisation needs at least one owner. Make someone else an owner (or transfer ownership) first.";

export async function listMembers(orgId: string) {
  return db.membership.findMany({
    where: { orgId },
    orderBy: [{ role: "asc" }, { createdAt: "asc" }],
    select: { id: true, role: true, createdAt: true, user: { select: { id: true, email: true, name: true } } },
  });
}

/** Loads actor and target inside the locked transaction: roles are checked as they are now. */
async function loadPair(tx: Tx, orgId: string, actorId: string, targetUserId: string) {
  assertRowId(targetUserId, "Member");
  if (!(await lockOrganization(tx, orgId))) throw notFound("Organisation");
  const [actor, target] = await Promise.all([
    tx.membership.findUnique({ where: { orgId_userId: { orgId, userId: actorId } }, include: { user: true } }),
    tx.membership.findUnique({ where: { orgId_userId: { orgId, userId: targetUserId } }, include: { user: true } }),
  ]);
  if (!actor) throw notFound("Organisation");
  if (!target) throw notFound("Member");
  return { actor, target };
}

const ownerCount = (tx: Tx, orgId: string) => tx.membership.count({ where: { orgId, role: "owner" } });

export async function changeMemberRole(actor: Actor, orgId: string, targetUserId: string, role: Role) {
  return db.$transaction(async (tx) => {
    const { actor: me, target } = await loadPair(tx, orgId, actor.userId, targetUserId);
    if (!can(me.role, "members.manage")) throw forbidden("Only owners and admins can change roles.");
    if ((target.role === "owner" || role === "owner") && !can(me.role, "org.owner")) {
      throw forbidden("Only owners can grant or take away the owner role.");
    }
    if (target.role === role) return target;
    if (target.role === "owner" && (await ownerCount(tx, orgId)) <= 1) throw new AppError("CONFLICT", LAST_OWNER);
    const updated = await tx.membership.update({ where: { id: target.id }, data: { role } });
    await recordAudit(tx, actor, {
      orgId,
      action: "member.role_changed",
      target: { type: "user", id: target.userId, label: target.user.email },
      metadata: { from: target.role, to: role },
    });
    return updated;
  });
}

/** Removes a member; anyone may remove themselves (leave), except the last owner. */
export async function removeMember(actor: Actor, orgId: string, targetUserId: string) {
  return db.$transaction(async (tx) => {
    const { actor: me, target } = await loadPair(tx, orgId, actor.userId, targetUserId);
    const leaving = me.userId === target.userId;
    if (!leaving && !can(me.role, "members.manage")) throw forbidden("Only owners and admins can remove members.");
    if (!leaving && target.role === "owner" && !can(me.role, "org.owner")) throw forbidden("Only owners can remove an owner.");
    if (target.role === "owner" && (await ownerCount(tx, orgId)) <= 1) throw new AppError("CONFLICT", LAST_OWNER);
    await tx.membership.delete({ where: { id: target.id } });
    await recordAudit(tx, actor, {
      orgId,
      action: leaving ? "member.left" : "member.removed",
      target: { type: "user", id: target.userId, label: target.user.email },
      metadata: { role: target.role },
    });
  });
}

/** The current owner hands ownership to another member and becomes an admin. */
export async function transferOwnership(actor: Actor, orgId: string, targetUserId: string) {
  return db.$transaction(async (tx) => {
    const { actor: me, target } = await loadPair(tx, orgId, actor.userId, targetUserId);
    if (!can(me.role, "org.owner")) throw forbidden("Only an owner can transfer ownership.");
    if (me.userId === target.userId)
      throw new AppError("VALIDATION_FAILED", "You already own this organisation.", { userId: ["Choose another member."] });
    await tx.membership.update({ where: { id: target.id }, data: { role: "owner" } });
    await tx.membership.update({ where: { id: me.id }, data: { role: "admin" } });
    await recordAudit(tx, actor, {
      orgId,
      action: "organization.ownership_transferred",
      target: { type: "user", id: target.userId, label: target.user.email },
      metadata: { from: me.user.email, previousRole: target.role },
    });
  });
}
