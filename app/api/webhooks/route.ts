import { z } from "zod";
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/body";
import { createWebhookEndpoint, listWebhookEndpoints, serializeEndpoint } from "@/lib/webhooks/manage";

const admin = { permission: "keys.manage" } as const;

/** At most 20 endpoints per organisation, so one page. */
export const GET = apiRoute(admin, async ({ auth }) => json((await listWebhookEndpoints(auth.org.id)).map((e) => serializeEndpoint(e))));

/** `{"url", "events": [...], "description"?}` → 201 with `secret` ("whsec_…"), shown this once. */
export const POST = apiRoute(admin, async ({ auth, req }) => {
  const body = await readJson(req, z.record(z.string(), z.unknown()));
  const { endpoint, secret } = await createWebhookEndpoint(auth.actor, auth.org.id, body);
  return json({ ...serializeEndpoint(endpoint), secret }, { status: 201 });
});

export * from "@/lib/api/other-methods";
