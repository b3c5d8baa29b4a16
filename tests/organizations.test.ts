import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createOrganization, listOrganizationsFor, updateOrganization } from "@/lib/orgs/organizations";
import { actorFor, createOrgWith, createUser, unique } from "./fixtures";

describe("createOrganization", () => {
  it("makes the creator its owner and records it in the audit log", async () => {
    const user = await createUser();
    const name = unique("Acme Sounds");
    const org = await createOrganization(actorFor(user), { name });
    expect(org.slug).toMatch(/^acme-sounds-/);
    expect(await listOrganizationsFor(user.id)).toEqual([{ id: org.id, slug: org.slug, name, role: "owner" }]);
    const audit = await db.auditEvent.findMany({ where: { orgId: org.id } });
    expect(audit.map((a) => a.action)).toEqual(["organization.created"]);
    expect(audit[0].ip).toBe("203.0.113.7");
  });

  it("gives a second organisation with the same name its own slug", async () => {
    const user = await createUser();
    const name = unique("Twin");
    const a = await createOrganization(actorFor(user), { name });
    const b = await createOrganization(actorFor(user), { name });
    expect(a.slug).not.toBe(b.slug);
  });

  it("rejects a bad name with a field error and writes nothing", async () => {
    const user = await createUser();
    await expect(createOrganization(actorFor(user), { name: " x " })).rejects.toMatchObject({
      code: "VALIDATION_FAILED",
      fields: { name: [expect.any(String)] },
    });
    await expect(createOrganization(actorFor(user), { name: "y".repeat(81) })).rejects.toMatchObject({ code: "VALIDATION_FAILED" });
    expect(await db.membership.count({ where: { userId: user.id } })).toBe(0);
  });
});

describe("updateOrganization", () => {
  it("lets admins rename, but only owners change the subscription state", async () => {
    const {
      org,
      owner,
      others: [admin],
    } = await createOrgWith(["admin"]);
    await updateOrganization(actorFor(admin), org.id, { name: "Renamed" });
    await expect(updateOrganization(actorFor(admin), org.id, { active: false })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await updateOrganization(actorFor(owner), org.id, { active: false });
    const after = await db.organization.findUniqueOrThrow({ where: { id: org.id } });
    expect(after).toMatchObject({ name: "Renamed", active: false });
    const actions = (await db.auditEvent.findMany({ where: { orgId: org.id }, orderBy: { createdAt: "asc" } })).map((a) => a.action);
    expect(actions).toEqual(["organization.renamed", "organization.deactivated"]);
  });

  it("is invisible to members and to outsiders", async () => {
    const {
      org,
      others: [member],
    } = await createOrgWith(["member"]);
    await expect(updateOrganization(actorFor(member), org.id, { name: "Nope" })).rejects.toMatchObject({ code: "FORBIDDEN" });
    const outsider = await createUser();
    await expect(updateOrganization(actorFor(outsider), org.id, { name: "Nope" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});
