"use server";
import { revalidatePath } from "next/cache";
import { requireOrg } from "@/lib/auth/session";
import { dashboardActor } from "@/lib/auth/dashboard-actor";
import { runAction, type ActionState } from "@/lib/forms/action-state";
import { changeClientState, createOAuthClient, rotateClientSecret } from "@/lib/oauth/clients";

async function context(slug: string) {
  const ctx = await requireOrg(slug);
  return { ctx, actor: await dashboardActor(ctx.user.id), path: `/orgs/${slug}/settings/oauth-apps` };
}

export async function createClientAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const { ctx, actor, path } = await context(slug);
  return runAction(async () => {
    const { client, clientSecret } = await createOAuthClient(actor, ctx.org.id, { name: form.get("name"), scopes: form.getAll("scopes") });
    revalidatePath(path);
    return { ok: true, message: `Created "${client.name}".`, data: { key: clientSecret, clientId: client.clientId } };
  });
}

export async function rotateClientAction(slug: string, id: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const { ctx, actor, path } = await context(slug);
  return runAction(async () => {
    const { client, clientSecret } = await rotateClientSecret(actor, ctx.org.id, id, { gracePeriod: form.get("gracePeriod") ?? "0" });
    revalidatePath(path);
    return { ok: true, data: { key: clientSecret, clientId: client.clientId } };
  });
}

export async function clientStateAction(
  slug: string,
  id: string,
  change: "disable" | "enable" | "delete",
  _prev: ActionState,
): Promise<ActionState> {
  const { ctx, actor, path } = await context(slug);
  return runAction(async () => {
    await changeClientState(actor, ctx.org.id, id, change);
    revalidatePath(path);
  });
}
