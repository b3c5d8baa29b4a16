"use server";
import { revalidatePath } from "next/cache";
import { redirect } from "next/navigation";
import { requireOrg } from "@/lib/auth/session";
import { dashboardActor } from "@/lib/auth/dashboard-actor";
import { runAction, type ActionState } from "@/lib/forms/action-state";
import { strictInt } from "@/lib/validation/numbers";
import { activateVersion, createProduct, createVersion, updateProduct } from "@/lib/products/products";
import { mintDownloadToken, revokeDownloadToken } from "@/lib/downloads/tokens";
import { recordPurchase, revokePurchase } from "@/lib/purchases/purchases";
import { emailMintedLink } from "@/lib/purchases/delivery";
import { deleteFile } from "@/lib/products/files";

async function context(slug: string) {
  const ctx = await requireOrg(slug);
  return { ctx, actor: await dashboardActor(ctx.user.id) };
}

export async function createProductAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const { ctx, actor } = await context(slug);
  let created = "";
  const state = await runAction(async () => {
    created = (await createProduct(actor, ctx.org.id, { id: form.get("id"), name: form.get("name") })).slug;
  });
  if (created) redirect(`/orgs/${slug}/products/${created}`);
  return state;
}

export async function createVersionAction(slug: string, product: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const { ctx, actor } = await context(slug);
  return runAction(async () => {
    await createVersion(actor, ctx.org.id, product, { version: form.get("version") });
    revalidatePath(`/orgs/${slug}/products/${product}`);
  });
}

export async function activateVersionAction(
  slug: string,
  product: string,
  version: string,
  _prev: ActionState,
  form?: FormData,
): Promise<ActionState> {
  const { ctx, actor } = await context(slug);
  return runAction(async () => {
    const notifyBuyers = form?.get("notifyBuyers") === "1";
    await activateVersion(actor, ctx.org.id, product, version, { notifyBuyers });
    revalidatePath(`/orgs/${slug}/products/${product}`);
    if (notifyBuyers) return { ok: true, message: "Activated; the buyers' emails are on their way (progress below)." };
  });
}

/** Deletes a file of a draft version (the same lib function as DELETE …/files/{filename}). */
export async function deleteFileAction(
  slug: string,
  product: string,
  version: string,
  name: string,
  _prev: ActionState,
): Promise<ActionState> {
  const { ctx, actor } = await context(slug);
  return runAction(async () => {
    await deleteFile(actor, ctx.org.id, product, version, name);
    revalidatePath(`/orgs/${slug}/products/${product}`);
  });
}

export async function setProductStatusAction(
  slug: string,
  product: string,
  status: "draft" | "published" | "archived",
  _prev: ActionState,
): Promise<ActionState> {
  const { ctx, actor } = await context(slug);
  return runAction(async () => {
    await updateProduct(actor, ctx.org.id, product, { status });
    revalidatePath(`/orgs/${slug}/products/${product}`);
  });
}

/** Generate Download Token: expiry, download limit and customer details; the URL comes back once. */
export async function generateTokenAction(
  slug: string,
  product: string,
  version: string,
  _prev: ActionState,
  form: FormData,
): Promise<ActionState> {
  const { ctx, actor } = await context(slug);
  return runAction(async () => {
    const num = (name: string) => strictInt(form.get(name)) ?? undefined;
    const text = (name: string) => String(form.get(name) ?? "").trim() || undefined;
    const minted = await mintDownloadToken({
      orgId: ctx.org.id,
      productSlug: product,
      version,
      source: "dashboard",
      createdById: ctx.user.id,
      actor,
      options: {
        expiresInHours: num("expiresInHours"),
        maxDownloads: num("maxDownloads"),
        email: text("email"),
        name: text("name"),
        note: text("note"),
      },
    });
    revalidatePath(`/orgs/${slug}/downloads`);
    // What was used, shown beside the URL: the form keeps its values, but the result must not depend on that.
    const used = Object.fromEntries(
      Object.entries({ maxDownloads: num("maxDownloads"), email: text("email"), name: text("name"), note: text("note") })
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [k, String(v)]),
    );
    const data = { ...used, url: minted.url, expiresAt: minted.expiresAt.toISOString() };
    const email = text("email");
    if (!email || form.get("sendEmail") !== "on") return { ok: true, data };
    const sent = await emailMintedLink(ctx.org.id, product, email, minted);
    return { ok: true, data: { ...data, emailed: sent.emailSent ? `Emailed to ${email}.` : sent.emailReason } };
  });
}

/** Test Download: a 24-hour token, opened at once. */
export async function testDownloadAction(slug: string, product: string, version: string, _prev: ActionState): Promise<ActionState> {
  const { ctx } = await context(slug);
  return runAction(async () => {
    const minted = await mintDownloadToken({ orgId: ctx.org.id, productSlug: product, version, source: "test", createdById: ctx.user.id });
    return { ok: true, data: { url: minted.url } };
  });
}

export async function revokeTokenAction(slug: string, id: string, _prev: ActionState): Promise<ActionState> {
  const { ctx, actor } = await context(slug);
  return runAction(async () => {
    await revokeDownloadToken(actor, ctx.org.id, id);
    revalidatePath(`/orgs/${slug}/downloads`);
  });
}

export async function addPurchaseAction(slug: string, _prev: ActionState, form: FormData): Promise<ActionState> {
  const { ctx, actor } = await context(slug);
  return runAction(async () => {
    const sendEmail = form.get("sendEmail") === "on";
    const { created, email } = await recordPurchase(
      actor,
      ctx.org.id,
      { email: form.get("email"), productId: form.get("productId"), sendEmail },
      "dashboard",
    );
    revalidatePath(`/orgs/${slug}/purchases`);
    const added = created ? "Purchase added. The buyer can now get a link at /my." : "Purchase already recorded.";
    if (!email) return { ok: true, message: added };
    return email.emailSent
      ? { ok: true, message: `${added} The buyer was emailed a download link.` }
      : { ok: false, message: `${added} ${email.emailReason}` };
  });
}

export async function revokePurchaseAction(slug: string, id: string, _prev: ActionState): Promise<ActionState> {
  const { ctx, actor } = await context(slug);
  return runAction(async () => {
    await revokePurchase(actor, ctx.org.id, id);
    revalidatePath(`/orgs/${slug}/purchases`);
  });
}
