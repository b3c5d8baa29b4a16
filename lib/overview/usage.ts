import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Visibility } from "@/lib/request-log/query";
import { rollupWhere } from "@/lib/request-log/rollup";
import { dayKey, dayKeys } from "./days";

/** API calls of one day by outcome: 429 apart from the other 4xx, as a caller of a rate-limited API reads them. */
export interface OutcomeDay {
  day: string;
  "2xx": number;
  "4xx": number;
  "429": number;
  "5xx": number;
}

export const OUTCOMES = ["2xx", "4xx", "429", "5xx"] as const;

type Row = { day: Date; ok: bigint | null; client: bigint | null; limited: bigint | null; server: bigint | null };

// Summed from the request-log rollup (lib/request-log/rollup.ts): a day is 48 buckets per key
// and outcome, so 30 days of a busy organisation are thousands of rows, not millions.
const OUTCOME_COLUMNS = Prisma.sql`
  sum(count) FILTER (WHERE "statusClass" = 2) AS ok,
  sum(count) FILTER (WHERE "statusClass" = 4 AND NOT limited) AS client,
  sum(count) FILTER (WHERE limited) AS limited,
  sum(count) FILTER (WHERE "statusClass" = 5) AS server`;

const toDay = (day: string, r?: Row): OutcomeDay => ({
  day,
  "2xx": Number(r?.ok ?? 0),
  "4xx": Number(r?.client ?? 0),
  "429": Number(r?.limited ?? 0),
  "5xx": Number(r?.server ?? 0),
});

/** The organisation's API calls per UTC day since `from` (members: their own keys' only), zero-filled. */
export async function callsByDay(v: Visibility, from: Date, days: number): Promise<OutcomeDay[]> {
  const rows = await db.$queryRaw<Row[]>`
    SELECT date_trunc('day', bucket) AS day, ${OUTCOME_COLUMNS}
    FROM "RequestLogRollup" WHERE ${rollupWhere({ orgId: v.orgId, userId: v.onlyUserId, from })}
    GROUP BY 1`;
  const byDay = new Map(rows.map((r) => [dayKey(r.day), r]));
  return dayKeys(from, days).map((d) => toDay(d, byDay.get(d)));
}

/** Per key, its calls per UTC day since `from`, zero-filled: one query for a whole list of keys. */
export async function callsByKeyAndDay(orgId: string, keyIds: string[], from: Date, days: number): Promise<Map<string, OutcomeDay[]>> {
  const out = new Map<string, OutcomeDay[]>();
  if (keyIds.length === 0) return out;
  const rows = await db.$queryRaw<(Row & { keyId: string })[]>`
    SELECT "keyId", date_trunc('day', bucket) AS day, ${OUTCOME_COLUMNS}
    FROM "RequestLogRollup" WHERE ${rollupWhere({ orgId, keyIds, from })}
    GROUP BY 1, 2`;
  const byKeyDay = new Map(rows.map((r) => [`${r.keyId}|${dayKey(r.day)}`, r]));
  const keys = dayKeys(from, days);
  for (const id of keyIds)
    out.set(
      id,
      keys.map((d) => toDay(d, byKeyDay.get(`${id}|${d}`))),
    );
  return out;
}

export const totalOf = (days: OutcomeDay[]) =>
  days.reduce(
    (t, d) => ({ "2xx": t["2xx"] + d["2xx"], "4xx": t["4xx"] + d["4xx"], "429": t["429"] + d["429"], "5xx": t["5xx"] + d["5xx"] }),
    {
      "2xx": 0,
      "4xx": 0,
      "429": 0,
      "5xx": 0,
    },
  );
