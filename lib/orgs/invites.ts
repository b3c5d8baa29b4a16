import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError, forbidden, notFound } from "@/lib/errors";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { appUrl } from "@/lib/config/app";
import { randomUrlToken, sha256Hex } from "@/lib/crypto/tokens";
import { sendMail } from "@/lib/mail/send";
import { inviteMail } from "@/lib/mail/templates";
import { emailSchema } from "@/lib/validation/email";
import { parseOrThrow } from "@/lib/validation/parse";
import { assertRowId } from "@/lib/validation/text";
import { lockOrganization } from "./lock";
import { limitInvites } from "@/lib/ratelimit/policies";

export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;

const inviteInput = z.object({ email: emailSchema, role: z.enum(["owner", "admin", "member"], "Choose a role.") });

export async function inviteMember(actor: Actor, orgId: string, input: { email: unknown; role: unknown }) {
  const { email, role } = parseOrThrow(inviteInput, input);
  await limitInvites(actor.userId);
  const token = randomUrlToken();
  const { org, inviter } = await db.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, orgId))) throw notFound("Organisation");
    const me = await tx.membership.findUnique({
      where: { orgId_userId: { orgId, userId: actor.userId } },
      include: { user: true, organization: true },
    });
    if (!me) throw notFound("Organisation");
    if (!can(me.role, "members.manage")) throw forbidden("Only owners and admins can invite members.");
    if (role === "owner" && !can(me.role, "org.owner")) throw forbidden("Only owners can invite another owner.");
    const existing = await tx.membership.findFirst({ where: { orgId, user: { email } } });
    if (existing)
      throw new AppError("VALIDATION_FAILED", `${email} is already a member of this organisation.`, { email: ["Already a member."] });
    // A new invitation replaces any pending one for the same address.
    await tx.invite.updateMany({ where: { orgId, email, acceptedAt: null, revokedAt: null }, data: { revokedAt: new Date() } });
    const invite = await tx.invite.create({
      data: { orgId, email, role, tokenHash: sha256Hex(token), invitedById: actor.userId, expiresAt: new Date(Date.now() + INVITE_TTL_MS) },
    });
    await recordAudit(tx, actor, {
      orgId,
      action: "member.invited",
      target: { type: "invite", id: invite.id, label: email },
      metadata: { role },
    });
    return { org: me.organization, inviter: me.user };
  });
  const link = `${appUrl()}/invite/${token}`;
  await sendMail(inviteMail(email, link, org.name, inviter.name || inviter.email || "A teammate"));
  return { email, role };
}

export async function listPendingInvites(orgId: string) {
  return db.invite.findMany({
    where: { orgId, acceptedAt: null, revokedAt: null, expiresAt: { gt: new Date() } },
    orderBy: { createdAt: "desc" },
    select: { id: true, email: true, role: true, expiresAt: true, createdAt: true },
  });
}

export async function revokeInvite(actor: Actor, orgId: string, inviteId: string) {
  assertRowId(inviteId, "Invitation");
  await db.$transaction(async (tx) => {
    const me = await tx.membership.findUnique({ where: { orgId_userId: { orgId, userId: actor.userId } } });
    if (!me) throw notFound("Organisation");
    if (!can(me.role, "members.manage")) throw forbidden("Only owners and admins can revoke invitations.");
    const invite = await tx.invite.findFirst({ where: { id: inviteId, orgId } });
    if (!invite) throw notFound("Invitation");
    const { count } = await tx.invite.updateMany({
      where: { id: invite.id, acceptedAt: null, revokedAt: null },
      data: { revokedAt: new Date() },
    });
    if (count)
      await recordAudit(tx, actor, {
        orgId,
        action: "member.invite_revoked",
        target: { type: "invite", id: invite.id, label: invite.email },
      });
  });
}

/**
 * A fresh link for a pending invitation, valid another 7 days: emailed again (`send`), or handed to
 * the admin to pass on themselves. Only the hash is stored, so the old link cannot be shown again;
 * it stops working. A copied link is safe to share in a team chat as far as it goes: it only works
 * for someone signed in with the invited address.
 */
export async function renewInvite(actor: Actor, orgId: string, inviteId: string, opts: { send: boolean }) {
  assertRowId(inviteId, "Invitation");
  if (opts.send) await limitInvites(actor.userId);
  const token = randomUrlToken();
  const { invite, org, inviter } = await db.$transaction(async (tx) => {
    if (!(await lockOrganization(tx, orgId))) throw notFound("Organisation");
    const me = await tx.membership.findUnique({
      where: { orgId_userId: { orgId, userId: actor.userId } },
      include: { user: true, organization: true },
    });
    if (!me) throw notFound("Organisation");
    if (!can(me.role, "members.manage")) throw forbidden("Only owners and admins can resend invitations.");
    const found = await tx.invite.findFirst({ where: { id: inviteId, orgId, acceptedAt: null, revokedAt: null } });
    if (!found) throw notFound("Invitation");
    if (found.role === "owner" && !can(me.role, "org.owner")) throw forbidden("Only owners can resend an owner's invitation.");
    const invite = await tx.invite.update({
      where: { id: found.id },
      data: { tokenHash: sha256Hex(token), expiresAt: new Date(Date.now() + INVITE_TTL_MS) },
    });
    await recordAudit(tx, actor, {
      orgId,
      action: opts.send ? "member.invite_resent" : "member.invite_link_created",
      target: { type: "invite", id: invite.id, label: invite.email },
    });
    return { invite, org: me.organization, inviter: me.user };
  });
  const link = `${appUrl()}/invite/${token}`;
  if (!opts.send) return { email: invite.email, link };
  await sendMail(inviteMail(invite.email, link, org.name, inviter.name || inviter.email || "A teammate"));
  return { email: invite.email, link: null };
}

export type InviteStatus = "pending" | "accepted" | "revoked" | "expired";

export async function findInvite(token: string) {
  const invite = await db.invite.findUnique({
    where: { tokenHash: sha256Hex(token) },
    include: { organization: { select: { id: true, name: true, slug: true } }, invitedBy: { select: { email: true, name: true } } },
  });
  if (!invite) return null;
  const status: InviteStatus = invite.acceptedAt
    ? "accepted"
    : invite.revokedAt
      ? "revoked"
      : invite.expiresAt <= new Date()
        ? "expired"
        : "pending";
  return { ...invite, status };
}

/** Joins the invited organisation; the link works once, for the address it was sent to. */
export async function acceptInvite(actor: Actor & { email: string }, token: string) {
  return db.$transaction(async (tx) => {
    const invite = await tx.invite.findUnique({ where: { tokenHash: sha256Hex(token) }, include: { organization: true } });
    if (!invite) throw notFound("Invitation");
    if (invite.revokedAt) throw new AppError("CONFLICT", "This invitation was withdrawn. Ask for a new one.");
    if (invite.acceptedAt) throw new AppError("CONFLICT", "This invitation has already been used.");
    if (invite.expiresAt <= new Date()) throw new AppError("CONFLICT", "This invitation has expired. Ask for a new one.");
    if (invite.email !== actor.email.toLowerCase()) {
      throw forbidden(`This invitation was sent to ${invite.email}, but you are signed in as ${actor.email}.`);
    }
    const claimed = await tx.invite.updateMany({ where: { id: invite.id, acceptedAt: null }, data: { acceptedAt: new Date() } });
    if (claimed.count !== 1) throw new AppError("CONFLICT", "This invitation has already been used.");
    const existing = await tx.membership.findUnique({ where: { orgId_userId: { orgId: invite.orgId, userId: actor.userId } } });
    if (!existing) {
      await tx.membership.create({ data: { orgId: invite.orgId, userId: actor.userId, role: invite.role } });
      await recordAudit(tx, actor, {
        orgId: invite.orgId,
        action: "member.joined",
        target: { type: "user", id: actor.userId, label: actor.email },
        metadata: { role: invite.role },
      });
    }
    return invite.organization;
  });
}
