import { z } from "zod";
import { apiRoute, json } from "@/lib/api/route";
import { readJson } from "@/lib/api/body";
import { nextPageHeaders, pageParams } from "@/lib/api/pagination";
import { createIntegrationKey } from "@/lib/keys/manage";
import { listKeysPage } from "@/lib/keys/list";
import { serializeKey } from "@/lib/keys/serialize";

const admin = { permission: "keys.manage" } as const;

export const GET = apiRoute(admin, async ({ auth, url }) => {
  const kind = url.searchParams.get("kind");
  const { keys, nextCursor } = await listKeysPage(auth.org.id, {
    ...pageParams(url),
    kind: kind === "personal" || kind === "integration" ? kind : undefined,
    includeRevoked: url.searchParams.get("include_revoked") === "true",
  });
  return json(keys.map(serializeKey), { headers: nextPageHeaders(url, nextCursor) });
});

export const POST = apiRoute(admin, async ({ auth, req }) => {
  const body = await readJson(req, z.record(z.string(), z.unknown()));
  const { key, token } = await createIntegrationKey(auth.actor, auth.org.id, body);
  return json({ ...serializeKey(key), key: token }, { status: 201 });
});

export * from "@/lib/api/other-methods";
