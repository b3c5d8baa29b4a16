"use server";
import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { dashboardActor } from "@/lib/auth/dashboard-actor";
import { createOrganization } from "@/lib/orgs/organizations";
import { runAction, type ActionState } from "@/lib/forms/action-state";

export async function createOrganizationAction(_prev: ActionState, form: FormData): Promise<ActionState> {
  const user = await requireUser();
  let slug = "";
  const state = await runAction(async () => {
    const org = await createOrganization(await dashboardActor(user.id), { name: form.get("name") });
    slug = org.slug;
  });
  if (slug) redirect(`/orgs/${slug}`);
  return state;
}
