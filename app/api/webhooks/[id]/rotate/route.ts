import { z } from "zod";
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/body";
import { rotateWebhookSecret, serializeEndpoint } from "@/lib/webhooks/manage";

/** `{"gracePeriod": "0" | "1h" | "24h" | "7d"}` (default 24h: both secrets sign until then) → the new secret, once. */
export const POST = apiRoute<{ id: string }>({ permission: "keys.manage" }, async ({ auth, params, req }) => {
  const body = await readJson(req, z.record(z.string(), z.unknown()));
  const { endpoint, secret } = await rotateWebhookSecret(auth.actor, auth.org.id, params.id, body);
  return json({ ...serializeEndpoint(endpoint), secret }, { status: 201 });
});

export * from "@/lib/api/other-methods";
