import { apiRoute, json } from "@/lib/api/route";
import { changeClientState, getOAuthClient, serializeClient } from "@/lib/oauth/clients";

const admin = { permission: "keys.manage" } as const;

export const GET = apiRoute<{ id: string }>(admin, async ({ auth, params }) =>
  json(serializeClient(await getOAuthClient(auth.org.id, params.id))),
);

/** Deletes the client; its live access tokens stop working at once. */
export const DELETE = apiRoute<{ id: string }>(admin, async ({ auth, params }) => {
  await changeClientState(auth.actor, auth.org.id, params.id, "delete");
  return new Response(null, { status: 204 });
});

export * from "@/lib/api/other-methods";
