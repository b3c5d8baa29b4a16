"use server";
import { revalidatePath } from "next/cache";
import { requireOrg } from "@/lib/auth/session";
import { dashboardActor } from "@/lib/auth/dashboard-actor";
import { runAction, type ActionState } from "@/lib/forms/action-state";
import { updateOrganization } from "@/lib/orgs/organizations";
import { strictInt } from "@/lib/validation/numbers";
import { setDeliveryMessage } from "@/lib/purchases/delivery";

export async function renameAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireOrg(slug);
  const actor = await dashboardActor(ctx.user.id);
  return runAction(async () => {
    await updateOrganization(actor, ctx.org.id, { name: form.get("name") });
    revalidatePath(`/orgs/${slug}`, "layout");
    return { ok: true, message: "Saved." };
  });
}

export async function setActiveAction(slug: string, active: boolean, _prev: ActionState): Promise<ActionState> {
  const ctx = await requireOrg(slug);
  const actor = await dashboardActor(ctx.user.id);
  return runAction(async () => {
    await updateOrganization(actor, ctx.org.id, { active });
    revalidatePath(`/orgs/${slug}`, "layout");
    return { ok: true, message: active ? "Organisation reactivated." : "Organisation deactivated." };
  });
}

/** Empty rate-limit field: back to the default. */
export async function limitsAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireOrg(slug);
  const actor = await dashboardActor(ctx.user.id);
  return runAction(async () => {
    await updateOrganization(actor, ctx.org.id, {
      rateLimitPerMinute: strictInt(form.get("rateLimitPerMinute")),
      requestRetentionDays: strictInt(form.get("requestRetentionDays")),
    });
    revalidatePath(`/orgs/${slug}/settings/organization`);
    return { ok: true, message: "Saved." };
  });
}

/** The note shown in every delivery email; empty clears it. */
export async function deliveryMessageAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireOrg(slug);
  const actor = await dashboardActor(ctx.user.id);
  return runAction(async () => {
    await setDeliveryMessage(actor, ctx.org.id, { deliveryMessage: String(form.get("deliveryMessage") ?? "") });
    revalidatePath(`/orgs/${slug}/settings/organization`);
    return { ok: true, message: "Saved." };
  });
}
