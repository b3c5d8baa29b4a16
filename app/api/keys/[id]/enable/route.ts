import { apiRoute, json } from "@/lib/api/route";
import { changeKeyState } from "@/lib/keys/manage";
import { serializeKey } from "@/lib/keys/serialize";

export const POST = apiRoute<{ id: string }>({ permission: "keys.manage" }, async ({ auth, params }) =>
  json(serializeKey(await changeKeyState(auth.actor, auth.org.id, params.id, "enable"))),
);

export * from "@/lib/api/other-methods";
