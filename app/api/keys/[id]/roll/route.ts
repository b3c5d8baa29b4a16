import { z } from "zod";
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/body";
import { rollKey } from "@/lib/keys/manage";
import { serializeKey } from "@/lib/keys/serialize";

/** New secret, same settings; body `{"gracePeriod": "0" | "1h" | "24h" | "7d"}` (default "0": the old key stops now). */
export const POST = apiRoute<{ id: string }>({ permission: "keys.manage" }, async ({ auth, params, req }) => {
  const body = await readJson(req, z.record(z.string(), z.unknown()));
  const { key, token } = await rollKey(auth.actor, auth.org.id, params.id, body);
  return json({ ...serializeKey(key), key: token }, { status: 201 });
});

export * from "@/lib/api/other-methods";
