import type { Prisma } from "@/lib/generated/prisma/client";
import type { Actor, IntegrationActor } from "@/lib/auth/actor";

type Tx = Prisma.TransactionClient;

export interface AuditEntry {
  orgId: string;
  action: string;
  target: { type: string; id: string; label?: string | null };
  metadata?: Prisma.InputJsonValue;
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
