import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/body";
import { connectStripe, disconnectStripe, getStripeState, STRIPE_PERMISSION } from "@/lib/integrations/stripe/connection";
import { connectStripeRequest } from "@/lib/integrations/stripe/schemas";

// The signing secret lets its holder create and revoke purchases: managed like keys.
const admin = { permission: STRIPE_PERMISSION } as const;

/** The connection (the secret only as whsec_…abcd), price mappings and the latest events. */
export const GET = apiRoute(admin, async ({ auth }) => json(await getStripeState(auth.actor, auth.org.id)));

/** `{"webhookSecret":"whsec_…"}`: 201 when newly connected, 200 when the secret is replaced (same webhook URL). */
export const PUT = apiRoute(admin, async ({ auth, req }) => {
  const body = await readJson(req, connectStripeRequest);
  const { state, created } = await connectStripe(auth.actor, auth.org.id, body);
  return json(state, { status: created ? 201 : 200 });
});

/** Forgets the secret and the webhook URL (it then answers 404; a new one is made). Events and mappings stay. */
export const DELETE = apiRoute(admin, async ({ auth }) => {
  await disconnectStripe(auth.actor, auth.org.id);
  return new Response(null, { status: 204 });
});

export * from "@/lib/api/other-methods";
