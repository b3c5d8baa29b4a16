import type { ApiKeyKind } from "@/lib/generated/prisma/enums";
import { keyState } from "./state";

export interface KeyRow {
  id: string;
  name: string;
  kind: ApiKeyKind;
  hint: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  lastUsedIp: string | null;
  expiresAt: Date | null;
  disabledAt: Date | null;
  revokedAt: Date | null;
  supersededAt: Date | null;
  rateLimitPerMinute: number | null;
  user: { id: string; email: string | null };
  createdBy: { id: string; email: string | null };
}

export const keyRowSelect = {
  id: true,
  name: true,
  kind: true,
  hint: true,
  scopes: true,
  createdAt: true,
  lastUsedAt: true,
  lastUsedIp: true,
  expiresAt: true,
  disabledAt: true,
  revokedAt: true,
  supersededAt: true,
  rateLimitPerMinute: true,
  user: { select: { id: true, email: true } },
  createdBy: { select: { id: true, email: true } },
} as const;

/** The API's view of a key: everything but the secret, which is never stored. */
export function serializeKey(k: KeyRow) {
  return {
    id: k.id,
    name: k.name,
    kind: k.kind,
    hint: k.hint,
    scopes: k.scopes,
    state: keyState(k),
    user: k.user,
    createdBy: k.createdBy,
    createdAt: k.createdAt.toISOString(),
    lastUsedAt: k.lastUsedAt?.toISOString() ?? null,
    lastUsedIp: k.lastUsedIp,
    expiresAt: k.expiresAt?.toISOString() ?? null,
    disabledAt: k.disabledAt?.toISOString() ?? null,
    revokedAt: k.revokedAt?.toISOString() ?? null,
    /** The key's own per-minute limit; null means the organisation's (default 60). */
    rateLimitPerMinute: k.rateLimitPerMinute,
  };
}
