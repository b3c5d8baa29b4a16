import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { acceptInvite, findInvite, inviteMember, renewInvite, revokeInvite } from "@/lib/orgs/invites";
import { actorFor, createOrgWith, createUser, roleOf } from "./fixtures";

/** The invite link from the newest outbox mail to `email`. */
async function inviteToken(email: string): Promise<string> {
  const mail = await db.outboxMessage.findFirstOrThrow({ where: { to: email }, orderBy: { createdAt: "desc" } });
  const match = mail.text.match(/\/invite\/([A-Za-z0-9_-]+)/);
  expect(match).toBeTruthy();
  return match![1];
}

const asInvitee = (user: { id: string; email: string | null }) => ({ ...actorFor(user), email: user.email! });

describe("invitations", () => {
  it("sends a link that adds the invitee once, in the invited role", async () => {
    const { org, owner } = await createOrgWith();
    const invitee = await createUser("invitee");
    await inviteMember(actorFor(owner), org.id, { email: invitee.email!.toUpperCase(), role: "admin" });
    const token = await inviteToken(invitee.email!);
    expect(await db.invite.count({ where: { tokenHash: token } })).toBe(0); // only the hash is stored

    const joined = await acceptInvite(asInvitee(invitee), token);
    expect(joined.id).toBe(org.id);
    expect(await roleOf(org.id, invitee.id)).toBe("admin");
    await expect(acceptInvite(asInvitee(invitee), token)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/already been used/),
    });
    expect((await findInvite(token))?.status).toBe("accepted");
  });

  it("refuses someone signed in with another address", async () => {
    const { org, owner } = await createOrgWith();
    const invitee = await createUser("invitee");
    const other = await createUser("other");
    await inviteMember(actorFor(owner), org.id, { email: invitee.email, role: "member" });
    const token = await inviteToken(invitee.email!);
    await expect(acceptInvite(asInvitee(other), token)).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await roleOf(org.id, other.id)).toBeNull();
    expect((await findInvite(token))?.status).toBe("pending");
  });

  it("refuses an expired invitation", async () => {
    const { org, owner } = await createOrgWith();
    const invitee = await createUser("invitee");
    await inviteMember(actorFor(owner), org.id, { email: invitee.email, role: "member" });
    const token = await inviteToken(invitee.email!);
    await db.invite.updateMany({ where: { orgId: org.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(acceptInvite(asInvitee(invitee), token)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/expired/),
    });
    expect(await roleOf(org.id, invitee.id)).toBeNull();
  });

  it("replaces a pending invitation when the same address is invited again, and honours revocation", async () => {
    const { org, owner } = await createOrgWith();
    const invitee = await createUser("invitee");
    await inviteMember(actorFor(owner), org.id, { email: invitee.email, role: "member" });
    const first = await inviteToken(invitee.email!);
    await new Promise((r) => setTimeout(r, 5));
    await inviteMember(actorFor(owner), org.id, { email: invitee.email, role: "admin" });
    const second = await inviteToken(invitee.email!);
    expect(second).not.toBe(first);
    await expect(acceptInvite(asInvitee(invitee), first)).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/withdrawn/),
    });

    const pending = await db.invite.findFirstOrThrow({ where: { orgId: org.id, revokedAt: null } });
    await revokeInvite(actorFor(owner), org.id, pending.id);
    await expect(acceptInvite(asInvitee(invitee), second)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await roleOf(org.id, invitee.id)).toBeNull();
  });

  it("rejects bad input and existing members without writing anything", async () => {
    const {
      org,
      owner,
      others: [member],
    } = await createOrgWith(["member"]);
    await expect(inviteMember(actorFor(owner), org.id, { email: "not-an-email", role: "member" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fields: { email: expect.any(Array) },
    });
    await expect(inviteMember(actorFor(owner), org.id, { email: "a@example.com", role: "emperor" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fields: { role: expect.any(Array) },
    });
    await expect(inviteMember(actorFor(owner), org.id, { email: member.email, role: "admin" })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      message: expect.stringMatching(/already a member/),
    });
    expect(await db.invite.count({ where: { orgId: org.id } })).toBe(0);
  });

  it("lets only owners and admins invite, and only owners invite owners", async () => {
    const {
      org,
      others: [admin, member],
    } = await createOrgWith(["admin", "member"]);
    await expect(inviteMember(actorFor(member), org.id, { email: "x@example.com", role: "member" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(inviteMember(actorFor(admin), org.id, { email: "x@example.com", role: "owner" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await inviteMember(actorFor(admin), org.id, { email: "x@example.com", role: "admin" });
  });

  it("resend and copy link give a fresh link (the old one stops), audited; members cannot, admins not for owners", async () => {
    const { org, owner, others } = await createOrgWith(["admin", "member"]);
    const [admin, member] = others;
    const invitee = await createUser("invitee");
    await inviteMember(actorFor(owner), org.id, { email: invitee.email, role: "owner" });
    const first = await inviteToken(invitee.email!);
    const invite = await db.invite.findFirstOrThrow({ where: { orgId: org.id, email: invitee.email! } });

    await expect(renewInvite(actorFor(member), org.id, invite.id, { send: true })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(renewInvite(actorFor(admin), org.id, invite.id, { send: false })).rejects.toMatchObject({ code: "FORBIDDEN" });

    expect(await renewInvite(actorFor(owner), org.id, invite.id, { send: true })).toEqual({ email: invitee.email, link: null });
    const second = await inviteToken(invitee.email!);
    expect(second).not.toBe(first);
    expect(await findInvite(first)).toBeNull();

    const copied = await renewInvite(actorFor(owner), org.id, invite.id, { send: false });
    const third = copied.link!.split("/invite/")[1];
    expect(await inviteToken(invitee.email!)).toBe(second); // nothing mailed for a copied link
    expect(await findInvite(second)).toBeNull();
    await acceptInvite(asInvitee(invitee), third);
    expect(await roleOf(org.id, invitee.id)).toBe("owner");
    await expect(renewInvite(actorFor(owner), org.id, invite.id, { send: true })).rejects.toMatchObject({ code: "NOT_FOUND" });

    const actions = (await db.auditEvent.findMany({ where: { orgId: org.id, targetId: invite.id }, orderBy: { createdAt: "asc" } })).map(
      (e) => e.action,
    );
    expect(actions).toEqual(["member.invited", "member.invite_resent", "member.invite_link_created"]);
  });
});
