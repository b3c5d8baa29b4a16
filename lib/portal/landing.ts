import { db } from "@/lib/db/client";
import { listOrganizationsFor } from "@/lib/orgs/organizations";

/**
 * Where a signed-in user belongs: their first organisation's dashboard; a buyer without one
 * (any unrevoked purchase under their email) goes to the portal; anyone else is a new seller.
 */
export async function landingPath(user: { id: string; email: string }): Promise<string> {
  const orgs = await listOrganizationsFor(user.id);
  if (orgs.length) return `/orgs/${orgs[0].slug}`;
  const bought = await db.purchase.count({ where: { email: user.email.toLowerCase(), revokedAt: null } });
  return bought ? "/my" : "/orgs/new";
}
