import { apiRoute, json } from "@/lib/api/route";
import { changeKeyState, getKey } from "@/lib/keys/manage";
import { serializeKey } from "@/lib/keys/serialize";

const admin = { scope: "admin", permission: "keys.manage" } as const;

export const GET = apiRoute<{ id: string }>(admin, async ({ auth, params }) => json(serializeKey(await getKey(auth.org.id, params.id))));

/** Revokes: permanent; the key then answers 401 like an unknown one. */
export const DELETE = apiRoute<{ id: string }>(admin, async ({ auth, params }) => json(serializeKey(await changeKeyState(auth.actor, auth.org.id, params.id, "revoke"))));
