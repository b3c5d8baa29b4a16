"use server";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { dashboardActor } from "@/lib/auth/dashboard-actor";
import { acceptInvite } from "@/lib/orgs/invites";
import { runAction, type ActionState } from "@/lib/forms/action-state";
import { invitePath } from "./path";

export async function acceptInviteAction(token: string, _prev: ActionState): Promise<ActionState> {
  const user = await requireUser(invitePath(token));
  let slug = "";
  const state = await runAction(async () => {
    const org = await acceptInvite({ ...(await dashboardActor(user.id)), email: user.email }, token);
    slug = org.slug;
  });
  if (slug) redirect(`/orgs/${slug}`);
  return state;
}
