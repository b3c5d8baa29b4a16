import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { changeMemberRole, removeMember, transferOwnership } from "@/lib/orgs/members";
import { actorFor, createOrgWith, createUser, roleOf } from "./fixtures";

describe("changeMemberRole", () => {
  it("lets an admin promote a member, and audits it with before and after", async () => {
    const {
      org,
      others: [admin, member],
    } = await createOrgWith(["admin", "member"]);
    await changeMemberRole(actorFor(admin), org.id, member.id, "admin");
    expect(await roleOf(org.id, member.id)).toBe("admin");
    const event = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, action: "member.role_changed" } });
    expect(event).toMatchObject({ actorUserId: admin.id, targetId: member.id, metadata: { from: "member", to: "admin" } });
  });

  it("does not let members change roles", async () => {
    const {
      org,
      others: [m1, m2],
    } = await createOrgWith(["member", "member"]);
    await expect(changeMemberRole(actorFor(m1), org.id, m2.id, "admin")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(changeMemberRole(actorFor(m1), org.id, m1.id, "admin")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await roleOf(org.id, m1.id)).toBe("member");
  });

  it("does not let admins grant or take away ownership", async () => {
    const {
      org,
      owner,
      others: [admin, member],
    } = await createOrgWith(["admin", "member"]);
    await expect(changeMemberRole(actorFor(admin), org.id, member.id, "owner")).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(changeMemberRole(actorFor(admin), org.id, owner.id, "member")).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await roleOf(org.id, owner.id)).toBe("owner");
  });

  it("never demotes the last owner", async () => {
    const { org, owner } = await createOrgWith();
    await expect(changeMemberRole(actorFor(owner), org.id, owner.id, "admin")).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await roleOf(org.id, owner.id)).toBe("owner");
  });

  it("keeps an owner when two owners demote each other at the same time", async () => {
    const {
      org,
      owner,
      others: [second],
    } = await createOrgWith(["owner"]);
    const results = await Promise.allSettled([
      changeMemberRole(actorFor(owner), org.id, second.id, "member"),
      changeMemberRole(actorFor(second), org.id, owner.id, "member"),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect(await db.membership.count({ where: { orgId: org.id, role: "owner" } })).toBe(1);
  });

  it("answers NOT_FOUND for an organisation the actor is not in", async () => {
    const {
      org,
      others: [member],
    } = await createOrgWith(["member"]);
    const outsider = await createUser();
    await expect(changeMemberRole(actorFor(outsider), org.id, member.id, "admin")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("removeMember", () => {
  it("lets admins remove members and anyone leave", async () => {
    const {
      org,
      others: [admin, m1, m2],
    } = await createOrgWith(["admin", "member", "member"]);
    await removeMember(actorFor(admin), org.id, m1.id);
    await removeMember(actorFor(m2), org.id, m2.id);
    expect(await roleOf(org.id, m1.id)).toBeNull();
    expect(await roleOf(org.id, m2.id)).toBeNull();
    const actions = (await db.auditEvent.findMany({ where: { orgId: org.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["member.removed", "member.left"]);
  });

  it("never removes the last owner, even when they ask to leave", async () => {
    const { org, owner } = await createOrgWith(["admin"]);
    await expect(removeMember(actorFor(owner), org.id, owner.id)).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await roleOf(org.id, owner.id)).toBe("owner");
  });

  it("does not let an admin remove an owner", async () => {
    const {
      org,
      owner,
      others: [admin],
    } = await createOrgWith(["admin", "owner"]);
    await expect(removeMember(actorFor(admin), org.id, owner.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("transferOwnership", () => {
  it("makes the target owner and the previous owner an admin", async () => {
    const {
      org,
      owner,
      others: [member],
    } = await createOrgWith(["member"]);
    await transferOwnership(actorFor(owner), org.id, member.id);
    expect(await roleOf(org.id, member.id)).toBe("owner");
    expect(await roleOf(org.id, owner.id)).toBe("admin");
  });

  it("is for owners only", async () => {
    const {
      org,
      others: [admin, member],
    } = await createOrgWith(["admin", "member"]);
    await expect(transferOwnership(actorFor(admin), org.id, member.id)).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});
