import { z } from "zod";
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/body";
import { deleteWebhookEndpoint, getWebhookEndpoint, serializeEndpoint, updateWebhookEndpoint } from "@/lib/webhooks/manage";

const admin = { permission: "keys.manage" } as const;

export const GET = apiRoute<{ id: string }>(admin, async ({ auth, params }) =>
  json(serializeEndpoint(await getWebhookEndpoint(auth.org.id, params.id))),
);

/** `{"url"?, "events"?, "description"?, "disabled"?}` */
export const PATCH = apiRoute<{ id: string }>(admin, async ({ auth, params, req }) => {
  const body = await readJson(req, z.record(z.string(), z.unknown()));
  return json(serializeEndpoint(await updateWebhookEndpoint(auth.actor, auth.org.id, params.id, body)));
});

/** Deletes the endpoint and its delivery history; pending deliveries are dropped. */
export const DELETE = apiRoute<{ id: string }>(admin, async ({ auth, params }) => {
  await deleteWebhookEndpoint(auth.actor, auth.org.id, params.id);
  return new Response(null, { status: 204 });
});

export * from "@/lib/api/other-methods";
