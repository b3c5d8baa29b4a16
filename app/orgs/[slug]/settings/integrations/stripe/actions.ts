"use server";
import { revalidatePath } from "next/cache";
import { requireOrg } from "@/lib/auth/session";
import { dashboardActor } from "@/lib/auth/dashboard-actor";
import { runAction, type ActionState } from "@/lib/forms/action-state";
import { connectStripe, deleteStripeMapping, disconnectStripe, setStripeMapping } from "@/lib/integrations/stripe/connection";

const page = (slug: string) => `/orgs/${slug}/settings/integrations/stripe`;

export async function connectAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireOrg(slug);
  const actor = await dashboardActor(ctx.user.id);
  return runAction(async () => {
    const { created } = await connectStripe(actor, ctx.org.id, { webhookSecret: String(form.get("webhookSecret") ?? "") });
    revalidatePath(page(slug));
    return { ok: true, message: created ? "Stripe is connected." : "Signing secret replaced." };
  });
}

export async function disconnectAction(slug: string, _prev: ActionState): Promise<ActionState> {
  const ctx = await requireOrg(slug);
  const actor = await dashboardActor(ctx.user.id);
  return runAction(async () => {
    await disconnectStripe(actor, ctx.org.id);
    revalidatePath(page(slug));
    return { ok: true, message: "Stripe is disconnected." };
  });
}

export async function mapAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireOrg(slug);
  const actor = await dashboardActor(ctx.user.id);
  return runAction(async () => {
    const version = String(form.get("version") ?? "").trim();
    await setStripeMapping(actor, ctx.org.id, String(form.get("stripeId") ?? ""), {
      productId: String(form.get("productId") ?? ""),
      version: version || null,
    });
    revalidatePath(page(slug));
    return { ok: true, message: "Mapping saved." };
  });
}

export async function unmapAction(slug: string, stripeId: string, _prev: ActionState): Promise<ActionState> {
  const ctx = await requireOrg(slug);
  const actor = await dashboardActor(ctx.user.id);
  return runAction(async () => {
    await deleteStripeMapping(actor, ctx.org.id, stripeId);
    revalidatePath(page(slug));
    return { ok: true, message: "Mapping removed." };
  });
}
