"use server";
import { revalidatePath } from "next/cache";
import { requireOrg } from "@/lib/auth/session";
import { dashboardActor } from "@/lib/auth/dashboard-actor";
import { runAction, type ActionState } from "@/lib/forms/action-state";
import { refreshPersonalKey } from "@/lib/keys/manage";
import { updateKey } from "@/lib/keys/update";
import { keyAccessFromForm } from "@/lib/keys/settings-form";

/** Mints or refreshes the user's personal key; the secret travels back once, in this response. */
export async function refreshKeyAction(
  slug: string,
  expectedKeyId: string | null,
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  const ctx = await requireOrg(slug);
  const actor = await dashboardActor(ctx.user.id);
  return runAction(async () => {
    const { token } = await refreshPersonalKey(actor, ctx.org.id, { gracePeriod: form.get("gracePeriod") ?? "0", expectedKeyId });
    revalidatePath(`/orgs/${slug}/settings/api-key`);
    return { ok: true, data: { key: token } };
  });
}

/** Scopes and expiry of the user's own personal key, within what their role can hold. */
export async function personalKeySettingsAction(slug: string, keyId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const ctx = await requireOrg(slug);
  const actor = await dashboardActor(ctx.user.id);
  return runAction(async () => {
    await updateKey(actor, ctx.org.id, keyId, keyAccessFromForm(form));
    revalidatePath(`/orgs/${slug}/settings/api-key`);
    return { ok: true, message: "Saved." };
  });
}
