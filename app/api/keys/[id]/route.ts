import { apiRoute, json } from "@/lib/api/route";
import { z } from "zod";
import { readJson } from "@/lib/api/body";
import { changeKeyState, getKey } from "@/lib/keys/manage";
import { updateKey } from "@/lib/keys/update";
import { serializeKey } from "@/lib/keys/serialize";

const admin = { permission: "keys.manage" } as const;

export const GET = apiRoute<{ id: string }>(admin, async ({ auth, params }) => json(serializeKey(await getKey(auth.org.id, params.id))));

/** Revokes: permanent; the key then answers 401 like an unknown one. */
export const DELETE = apiRoute<{ id: string }>(admin, async ({ auth, params }) =>
  json(serializeKey(await changeKeyState(auth.actor, auth.org.id, params.id, "revoke"))),
);

/** `{"name"?, "rateLimitPerMinute"?: number | null}` */
export const PATCH = apiRoute<{ id: string }>(admin, async ({ auth, params, req }) => {
  const body = await readJson(req, z.record(z.string(), z.unknown()));
  return json(serializeKey(await updateKey(auth.actor, auth.org.id, params.id, body)));
});

export * from "@/lib/api/other-methods";
