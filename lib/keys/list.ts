import { db } from "@/lib/db/client";
import { withUsableScopes } from "@/lib/auth/usable-scopes";
import { keyRowSelect } from "./serialize";

/** Newest first, by id cursor. */
export async function listKeysPage(
  orgId: string,
  opts: { limit: number; cursor?: string; kind?: "personal" | "integration"; includeRevoked?: boolean },
) {
  const rows = await db.apiKey.findMany({
    where: { orgId, ...(opts.kind ? { kind: opts.kind } : {}), ...(opts.includeRevoked ? {} : { revokedAt: null }) },
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: opts.limit + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
    select: keyRowSelect,
  });
  const keys = rows.slice(0, opts.limit);
  return { keys: await withUsableScopes(orgId, keys), nextCursor: rows.length > opts.limit ? keys[keys.length - 1].id : null };
}
