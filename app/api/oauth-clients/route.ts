import { z } from "zod";
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/body";
import { createOAuthClient, listOAuthClients, serializeClient } from "@/lib/oauth/clients";

const admin = { permission: "keys.manage" } as const;

export const GET = apiRoute(admin, async ({ auth }) => json((await listOAuthClients(auth.org.id)).map(serializeClient)));

/** `{"name", "scopes"?}` → the client with `clientSecret`, shown once. */
export const POST = apiRoute(admin, async ({ auth, req }) => {
  const { client, clientSecret } = await createOAuthClient(auth.actor, auth.org.id, await readJson(req, z.record(z.string(), z.unknown())));
  return json({ ...serializeClient(client), clientSecret }, { status: 201 });
});

export * from "@/lib/api/other-methods";
