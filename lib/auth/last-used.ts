import { db } from "@/lib/db/client";

const WRITE_EVERY_MS = 60_000;
const lastWritten = new Map<string, number>();

/**
 * Records when (and, for keys, from where) a credential was last used, at most once a minute per
 * key and never on the request's critical path. The SQL guard keeps several
 * app instances to one write a minute between them too.
 */
export function touchCredential(credential: { type: "api_key" | "oauth_client"; id: string }, ip: string | null, now = Date.now()): void {
  const keyId = credential.id;
  const previous = lastWritten.get(keyId);
  if (previous !== undefined && now - previous < WRITE_EVERY_MS) return;
  lastWritten.set(keyId, now);
  if (lastWritten.size > 100_000) lastWritten.clear();
  const cutoff = new Date(now - WRITE_EVERY_MS);
  setImmediate(() => {
    const write =
      credential.type === "api_key"
        ? db.$executeRaw`UPDATE "ApiKey" SET "lastUsedAt" = ${new Date(now)}, "lastUsedIp" = ${ip}
                         WHERE id = ${keyId} AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ${cutoff})`
        : db.$executeRaw`UPDATE "OAuthClient" SET "lastUsedAt" = ${new Date(now)}
                         WHERE id = ${keyId} AND ("lastUsedAt" IS NULL OR "lastUsedAt" < ${cutoff})`;
    write.catch((err: unknown) => {
      lastWritten.delete(keyId);
      console.error("[keys] could not record last use:", (err as Error).message);
    });
  });
}
