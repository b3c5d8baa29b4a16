import { redirect } from "next/navigation";

/** Stripe is the one integration so far: the section opens on it. */
export default async function IntegrationsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  redirect(`/orgs/${slug}/settings/integrations/stripe`);
}
