import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/body";
import { deleteStripeMapping, setStripeMapping, STRIPE_PERMISSION } from "@/lib/integrations/stripe/connection";
import { stripeMappingRequest } from "@/lib/integrations/stripe/schemas";

const admin = { permission: STRIPE_PERMISSION } as const;

/** `{"productId","version"?}`: sales of this price or Payment Link deliver the product. */
export const PUT = apiRoute<{ stripeId: string }>(admin, async ({ auth, req, params }) => {
  const body = await readJson(req, stripeMappingRequest);
  return json(await setStripeMapping(auth.actor, auth.org.id, params.stripeId, body));
});

export const DELETE = apiRoute<{ stripeId: string }>(admin, async ({ auth, params }) => {
  await deleteStripeMapping(auth.actor, auth.org.id, params.stripeId);
  return new Response(null, { status: 204 });
});

export * from "@/lib/api/other-methods";
