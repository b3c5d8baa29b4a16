"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireOrg } from "@/lib/auth/session";
import { dashboardActor } from "@/lib/auth/dashboard-actor";
import { runAction, type ActionState } from "@/lib/forms/action-state";
import { changeMemberRole, removeMember, transferOwnership } from "@/lib/orgs/members";
import { inviteMember, renewInvite, revokeInvite } from "@/lib/orgs/invites";
import { parseOrThrow } from "@/lib/validation/parse";
import { z } from "zod";

const roleSchema = z.enum(["owner", "admin", "member"]);

async function context(slug: string) {
  const ctx = await requireOrg(slug);
  return { ctx, actor: await dashboardActor(ctx.user.id) };
}

export async function inviteAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const { ctx, actor } = await context(slug);
  return runAction(async () => {
    const invite = await inviteMember(actor, ctx.org.id, { email: form.get("email"), role: form.get("role") });
    revalidatePath(`/orgs/${slug}/settings/members`);
    return { ok: true, message: `Invitation sent to ${invite.email}.` };
  });
}

export async function changeRoleAction(slug: string, userId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const { ctx, actor } = await context(slug);
  return runAction(async () => {
    const role = parseOrThrow(roleSchema, form.get("role"));
    await changeMemberRole(actor, ctx.org.id, userId, role);
    revalidatePath(`/orgs/${slug}`, "layout");
    return { ok: true, message: "Role updated." };
  });
}

export async function removeMemberAction(slug: string, userId: string, _prev: ActionState): Promise<ActionState> {
  const { ctx, actor } = await context(slug);
  const state = await runAction(async () => {
    await removeMember(actor, ctx.org.id, userId);
  });
  if (state.ok && userId === ctx.user.id) redirect("/orgs");
  revalidatePath(`/orgs/${slug}/settings/members`);
  return state;
}

export async function transferOwnershipAction(slug: string, userId: string, _prev: ActionState): Promise<ActionState> {
  const { ctx, actor } = await context(slug);
  return runAction(async () => {
    await transferOwnership(actor, ctx.org.id, userId);
    revalidatePath(`/orgs/${slug}`, "layout");
    return { ok: true, message: "Ownership transferred. You are now an admin." };
  });
}

export async function revokeInviteAction(slug: string, inviteId: string, _prev: ActionState): Promise<ActionState> {
  const { ctx, actor } = await context(slug);
  return runAction(async () => {
    await revokeInvite(actor, ctx.org.id, inviteId);
    revalidatePath(`/orgs/${slug}/settings/members`);
  });
}

export async function resendInviteAction(slug: string, inviteId: string, _prev: ActionState): Promise<ActionState> {
  const { ctx, actor } = await context(slug);
  return runAction(async () => {
    const { email } = await renewInvite(actor, ctx.org.id, inviteId, { send: true });
    revalidatePath(`/orgs/${slug}/settings/members`);
    return { ok: true, message: `Invitation sent again to ${email}.` };
  });
}

/** A new invitation link for the admin to pass on; returned once, to this form only. */
export async function inviteLinkAction(slug: string, inviteId: string, _prev: ActionState): Promise<ActionState> {
  const { ctx, actor } = await context(slug);
  return runAction(async () => {
    const { link } = await renewInvite(actor, ctx.org.id, inviteId, { send: false });
    revalidatePath(`/orgs/${slug}/settings/members`);
    return { ok: true, data: { link: link! } };
  });
}
