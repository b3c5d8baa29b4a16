import { currentUser } from "@/lib/auth/session";
import { dashboardActor } from "@/lib/auth/dashboard-actor";
import type { Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { assertSameOrigin } from "@/lib/http/same-origin";
import { AppError } from "@/lib/errors";

/**
 * A dashboard route handler outside app/api (uploads): same-origin only, the session's
 * user as the actor, the organisation named by the path's slug. Role checks stay in lib/.
 */
export async function dashboardRequest(req: Request, slug: string): Promise<{ actor: Actor; orgId: string }> {
  assertSameOrigin(req);
  const user = await currentUser();
  if (!user) throw new AppError("UNAUTHORIZED", "Sign in again to upload.");
  const org = await db.organization.findUnique({ where: { slug }, select: { id: true } });
  if (!org) throw new AppError("NOT_FOUND", "Organisation not found.");
  return { actor: await dashboardActor(user.id), orgId: org.id };
}
