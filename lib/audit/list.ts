import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";

export interface AuditFilter {
  /** A user id. */
  actor?: string;
  /** An exact action ("key.updated") or a family ending in a dot ("product."). */
  action?: string;
  /** Inclusive day bounds, YYYY-MM-DD in UTC. */
  from?: string;
  to?: string;
}

const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;
const day = (s: string | undefined, endOfDay: boolean) => {
  if (!s || !DAY_RE.test(s)) return undefined;
  const d = new Date(`${s}T00:00:00.000Z`);
  if (Number.isNaN(d.getTime())) return undefined;
  return endOfDay ? new Date(d.getTime() + 86_400_000) : d;
};

export function auditWhere(orgId: string, f: AuditFilter): Prisma.AuditEventWhereInput {
  const from = day(f.from, false);
  const to = day(f.to, true);
  const action = f.action?.trim().slice(0, 100);
  return {
    orgId,
    ...(f.actor ? { actorUserId: f.actor.slice(0, 100) } : {}),
    ...(action ? { action: action.endsWith(".") ? { startsWith: action } : action } : {}),
    ...(from || to ? { createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {}),
  };
}

export async function listAuditEvents(orgId: string, opts: { cursor?: string; limit?: number; filter?: AuditFilter } = {}) {
  const limit = Math.min(opts.limit ?? 50, 200);
  const rows = await db.auditEvent.findMany({
    where: auditWhere(orgId, opts.filter ?? {}),
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    take: limit + 1,
    ...(opts.cursor ? { cursor: { id: opts.cursor }, skip: 1 } : {}),
  });
  const actorIds = [...new Set(rows.map((r) => r.actorUserId).filter((x): x is string => !!x))];
  const actors = await db.user.findMany({ where: { id: { in: actorIds } }, select: { id: true, email: true } });
  const emailOf = new Map(actors.map((a) => [a.id, a.email]));
  const page = rows.slice(0, limit).map((r) => ({ ...r, actorEmail: r.actorUserId ? (emailOf.get(r.actorUserId) ?? null) : null }));
  return { events: page, nextCursor: rows.length > limit ? page[page.length - 1].id : null };
}

/** Who and what appear in the organisation's log: the filter's choices. */
export async function auditFilterChoices(orgId: string) {
  const [actions, actorRows] = await Promise.all([
    db.auditEvent.findMany({ where: { orgId }, distinct: ["action"], select: { action: true }, orderBy: { action: "asc" } }),
    db.auditEvent.findMany({ where: { orgId, actorUserId: { not: null } }, distinct: ["actorUserId"], select: { actorUserId: true } }),
  ]);
  const ids = actorRows.map((r) => r.actorUserId!);
  const users = await db.user.findMany({ where: { id: { in: ids } }, select: { id: true, email: true }, orderBy: { email: "asc" } });
  return { actions: actions.map((a) => a.action), actors: users };
}
