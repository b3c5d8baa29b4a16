import { apiRoute, json } from "@/lib/api/route";
import { changeClientState, serializeClient } from "@/lib/oauth/clients";

export const POST = apiRoute<{ id: string }>({ permission: "keys.manage" }, async ({ auth, params }) =>
  json(serializeClient(await changeClientState(auth.actor, auth.org.id, params.id, "enable"))),
);

export * from "@/lib/api/other-methods";
