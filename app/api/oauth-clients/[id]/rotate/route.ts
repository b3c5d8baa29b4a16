import { z } from "zod";
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/body";
import { rotateClientSecret, serializeClient } from "@/lib/oauth/clients";

/** `{"gracePeriod": "0" | "1h" | "24h" | "7d"}` → the new `clientSecret`, shown once. */
export const POST = apiRoute<{ id: string }>({ permission: "keys.manage" }, async ({ auth, params, req }) => {
  const { client, clientSecret } = await rotateClientSecret(
    auth.actor,
    auth.org.id,
    params.id,
    await readJson(req, z.record(z.string(), z.unknown())),
  );
  return json({ ...serializeClient(client), clientSecret }, { status: 201 });
});

export * from "@/lib/api/other-methods";
