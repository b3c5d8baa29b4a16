"use server";
import { revalidatePath } from "next/cache";
import { requireOrg } from "@/lib/auth/session";
import { dashboardActor } from "@/lib/auth/dashboard-actor";
import { runAction, type ActionState } from "@/lib/forms/action-state";
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  resendDelivery,
  rotateWebhookSecret,
  sendTestEvent,
  updateWebhookEndpoint,
} from "@/lib/webhooks/manage";

async function context(slug: string) {
  const ctx = await requireOrg(slug);
  return { ctx, actor: await dashboardActor(ctx.user.id), path: `/orgs/${slug}/settings/webhooks` };
}

export async function createEndpointAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const { ctx, actor, path } = await context(slug);
  return runAction(async () => {
    const { endpoint, secret } = await createWebhookEndpoint(actor, ctx.org.id, {
      url: form.get("url"),
      events: form.getAll("events"),
      description: form.get("description") || undefined,
    });
    revalidatePath(path);
    return { ok: true, message: `Added ${endpoint.url}.`, data: { key: secret } };
  });
}

export async function rotateSecretAction(slug: string, id: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const { ctx, actor, path } = await context(slug);
  return runAction(async () => {
    const { secret } = await rotateWebhookSecret(actor, ctx.org.id, id, { gracePeriod: form.get("gracePeriod") ?? "24h" });
    revalidatePath(path);
    return { ok: true, data: { key: secret } };
  });
}

export async function endpointAction(
  slug: string,
  id: string,
  change: "test" | "disable" | "enable" | "delete",
  _prev: ActionState,
): Promise<ActionState> {
  const { ctx, actor, path } = await context(slug);
  return runAction(async () => {
    if (change === "test") await sendTestEvent(actor, ctx.org.id, id);
    else if (change === "delete") await deleteWebhookEndpoint(actor, ctx.org.id, id);
    else await updateWebhookEndpoint(actor, ctx.org.id, id, { disabled: change === "disable" });
    revalidatePath(path);
  });
}

export async function resendAction(slug: string, endpointId: string, deliveryId: string, _prev: ActionState): Promise<ActionState> {
  const { ctx, actor, path } = await context(slug);
  return runAction(async () => {
    await resendDelivery(actor, ctx.org.id, endpointId, deliveryId);
    revalidatePath(path);
  });
}
