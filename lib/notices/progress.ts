import { db } from "@/lib/db/client";

/** The latest notices of a product with how many mails went out, for the dashboard. */
export async function noticeProgress(productId: string, take = 5) {
  const rows = await db.versionNotice.findMany({ where: { productId }, orderBy: { createdAt: "desc" }, take });
  if (!rows.length) return [];
  const [sent, failed, versions] = await Promise.all([
    db.versionNoticeMail.groupBy({
      by: ["noticeId"],
      where: { noticeId: { in: rows.map((r) => r.id) }, sentAt: { not: null } },
      _count: true,
    }),
    db.versionNoticeMail.groupBy({
      by: ["noticeId"],
      where: { noticeId: { in: rows.map((r) => r.id) }, failedAt: { not: null } },
      _count: true,
    }),
    db.productVersion.findMany({ where: { id: { in: rows.map((r) => r.versionId) } }, select: { id: true, version: true } }),
  ]);
  const count = (list: { noticeId: string; _count: number }[], id: string) => list.find((r) => r.noticeId === id)?._count ?? 0;
  const versionOf = new Map(versions.map((v) => [v.id, v.version]));
  return rows.map((n) => ({
    id: n.id,
    version: versionOf.get(n.versionId) ?? "?",
    total: n.total,
    sent: count(sent, n.id),
    failed: count(failed, n.id),
    createdAt: n.createdAt,
  }));
}
