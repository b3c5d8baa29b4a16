import { db } from "@/lib/db/client";
import { dayKey, dayKeys } from "./days";

export interface CountDay {
  day: string;
  count: number;
}

type Row = { day: Date; n: bigint };

function fill(rows: Row[], from: Date, days: number): CountDay[] {
  const byDay = new Map(rows.map((r) => [dayKey(r.day), Number(r.n)]));
  return dayKeys(from, days).map((day) => ({ day, count: byDay.get(day) ?? 0 }));
}

/** Purchases recorded per UTC day since `from` (revoked ones included: they were sales that day). */
export async function purchasesByDay(orgId: string, from: Date, days: number): Promise<CountDay[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT date_trunc('day', "createdAt") AS day, count(*) AS n
    FROM "Purchase" WHERE "orgId" = ${orgId} AND "createdAt" >= ${from}
    GROUP BY 1`;
  return fill(rows, from, days);
}

/** File downloads served per UTC day since `from` (every counted download, each file of a zip included). */
export async function downloadsByDay(orgId: string, from: Date, days: number): Promise<CountDay[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT date_trunc('day', d."createdAt") AS day, count(*) AS n
    FROM "Download" d JOIN "DownloadToken" t ON t.id = d."tokenId"
    WHERE t."orgId" = ${orgId} AND d."createdAt" >= ${from}
    GROUP BY 1`;
  return fill(rows, from, days);
}
