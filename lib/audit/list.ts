import { db } from "@/lib/db/client";

export async function listAuditEvents(orgId: string, opts: { cursor?: string; limit?: number } = {}) {
  const limit = Math.min(opts.limit ?? 50, 200);
  const rows = await db.auditEvent.findMany({
    where: { orgId },
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
