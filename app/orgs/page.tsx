import { redirect } from "next/navigation";
import { requireUser } from "@/lib/auth/session";
import { landingPath } from "@/lib/portal/landing";

/** Where sign-in lands: the user's first organisation, a buyer's portal, or the page that creates an organisation. */
export default async function OrgsIndex() {
  redirect(await landingPath(await requireUser()));
}
