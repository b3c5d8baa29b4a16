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

/**
 * Before expiries were bounded a key could be stored expiring in year 275760, which the
 * driver reads back as an Invalid Date: such an expiry is read as none (it was, in effect).
 */
export function readableExpiry<T extends { expiresAt: Date | null }>(k: T): T {
  return k.expiresAt && Number.isNaN(k.expiresAt.getTime()) ? { ...k, expiresAt: null } : k;
}

/** The API's view of a key: everything but the secret, which is never stored. */
export function serializeKey(row: KeyRow) {
  const k = readableExpiry(row);
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
