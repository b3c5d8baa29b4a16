import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor, IntegrationActor } from "@/lib/auth/actor";

type Tx = Prisma.TransactionClient;

export interface AuditEntry {
  orgId: string;
  action: string;
  target: { type: string; id: string; label?: string | null };
  metadata?: Prisma.InputJsonValue;
}

type Plain = string | number | boolean | null | string[];

/**
 * What changed between two versions of a row, field by field ({ name: { from, to } }), for
 * `*.updated` entries. Only the listed fields: callers name what is safe to record (never secrets).
 */
export function diff<T extends Record<string, unknown>>(before: T, after: T, fields: (keyof T & string)[]) {
  const out: Record<string, { from: Plain; to: Plain }> = {};
  for (const f of fields) {
    const [a, b] = [before[f], after[f]].map((x) => (x instanceof Date ? x.toISOString() : ((x ?? null) as Plain)));
    // Lists (a key's scopes) are equal when their items are, not only when they are the same array.
    if (JSON.stringify(a) !== JSON.stringify(b)) out[f] = { from: a, to: b };
  }
  return out;
}

/** Written in the same transaction as the change it describes, so neither exists without the other. */
export async function recordAudit(tx: Tx, actor: Actor | IntegrationActor, entry: AuditEntry): Promise<void> {
  await tx.auditEvent.create({
    data: {
      orgId: entry.orgId,
      actorUserId: actor.userId,
      via: actor.via,
      action: entry.action,
      targetType: entry.target.type,
      targetId: entry.target.id,
      targetLabel: entry.target.label ?? null,
      metadata: entry.metadata,
      ip: actor.ip ?? null,
    },
  });
}
