"use server";
import { requireUser } from "@/lib/auth/session";
import { runAction, type ActionState } from "@/lib/forms/action-state";
import { mintPortalLink } from "@/lib/portal/links";

export async function getLinkAction(purchaseId: string, _prev: ActionState): Promise<ActionState> {
  const user = await requireUser("/my");
  return runAction(async () => {
    const { url, expiresAt } = await mintPortalLink(user.email, purchaseId);
    return { ok: true, data: { url, expiresAt: expiresAt.toISOString() } };
  });
}
