import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { listOrganizationsFor } from "@/lib/orgs/organizations";

/** Where sign-in lands: the user's first organisation, or the page that creates one. */
export default async function OrgsIndex() {
  const user = await requireUser();
  const orgs = await listOrganizationsFor(user.id);
  redirect(orgs.length ? `/orgs/${orgs[0].slug}` : "/orgs/new");
}
