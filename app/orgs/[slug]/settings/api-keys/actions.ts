"use server";
import { revalidatePath } from "next/cache";
import { requireOrg } from "@/lib/auth/session";
import { dashboardActor } from "@/lib/auth/dashboard-actor";
import { runAction, type ActionState } from "@/lib/forms/action-state";
import { invalid } from "@/lib/errors";
import { strictInt } from "@/lib/validation/numbers";
import { changeKeyState, createIntegrationKey, rollKey } from "@/lib/keys/manage";
import { updateKey } from "@/lib/keys/update";
import { keyAccessFromForm } from "@/lib/keys/settings-form";

const DAY = 86_400_000;

async function context(slug: string) {
  const ctx = await requireOrg(slug);
  return { ctx, actor: await dashboardActor(ctx.user.id), path: `/orgs/${slug}/settings/api-keys` };
}

export async function createKeyAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const { ctx, actor, path } = await context(slug);
  return runAction(async () => {
    const days = strictInt(form.get("expiresInDays")) ?? 0;
    if (!Number.isSafeInteger(days) || days < 0) throw invalid("expiresAt", "Choose when the key expires.");
    const { token, key } = await createIntegrationKey(actor, ctx.org.id, {
      name: form.get("name"),
      scopes: form.getAll("scopes"),
      expiresAt: days > 0 ? new Date(Date.now() + days * DAY) : null,
    });
    revalidatePath(path);
    return { ok: true, message: `Created "${key.name}".`, data: { key: token } };
  });
}

export async function rollKeyAction(slug: string, keyId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const { ctx, actor, path } = await context(slug);
  return runAction(async () => {
    const { token } = await rollKey(actor, ctx.org.id, keyId, { gracePeriod: form.get("gracePeriod") ?? "0" });
    revalidatePath(path);
    return { ok: true, data: { key: token } };
  });
}

export async function keyStateAction(
  slug: string,
  keyId: string,
  change: "disable" | "enable" | "revoke",
  _prev: ActionState,
): Promise<ActionState> {
  const { ctx, actor, path } = await context(slug);
  return runAction(async () => {
    await changeKeyState(actor, ctx.org.id, keyId, change);
    revalidatePath(path);
  });
}

/** The key details dialog's settings: name, scopes, expiry and rate limit (empty: the organisation's). */
export async function keySettingsAction(slug: string, keyId: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const { ctx, actor, path } = await context(slug);
  return runAction(async () => {
    await updateKey(actor, ctx.org.id, keyId, {
      name: form.get("name") ?? undefined,
      rateLimitPerMinute: strictInt(form.get("rateLimitPerMinute")),
      ...keyAccessFromForm(form),
    });
    revalidatePath(path);
    return { ok: true, message: "Saved." };
  });
}
