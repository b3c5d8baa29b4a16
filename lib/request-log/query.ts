import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { notFound } from "@/lib/errors";
import { parseOrThrow } from "@/lib/validation/parse";
import { dateInput } from "@/lib/validation/dates";
import { intParam } from "@/lib/validation/numbers";
import { text } from "@/lib/validation/text";
import { ROLLUP_MINUTES, rollupWhere } from "./rollup";

export const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

export const filterSchema = z.object({
  status: z.enum(["2xx", "3xx", "4xx", "5xx"], "status is one of 2xx, 3xx, 4xx, 5xx.").optional(),
  method: z.enum(METHODS, "method is one of GET, POST, PUT, PATCH, DELETE.").optional(),
  path: text().trim().max(200, "path filter is at most 200 characters.").optional(),
  key: text().trim().max(64).optional(),
  requestId: text().trim().max(64).optional(),
  from: dateInput("from must be an ISO 8601 date.").optional(),
  to: dateInput("to must be an ISO 8601 date.").optional(),
  limit: intParam("limit must be a whole number.")
    .pipe(z.number().min(1, "limit is at least 1.").max(100, "limit is at most 100."))
    .default(50),
  cursor: text().max(200).optional(),
});

export type RequestFilters = z.infer<typeof filterSchema>;

/** Query-string parameters → filters (empty values ignored), 422 on nonsense. */
export function parseFilters(params: URLSearchParams): RequestFilters {
  const raw: Record<string, string> = {};
  for (const k of ["status", "method", "path", "key", "requestId", "from", "to", "limit", "cursor"]) {
    const v = params.get(k) ?? (k === "requestId" ? params.get("request_id") : null);
    if (v) raw[k] = v;
  }
  return parseOrThrow(filterSchema, raw);
}

/** Who may see what: owners and admins everything; members the requests of their own keys. */
export interface Visibility {
  orgId: string;
  onlyUserId?: string;
}

const encodeCursor = (createdAt: Date, id: string) => Buffer.from(`${createdAt.toISOString()}|${id}`).toString("base64url");
function decodeCursor(cursor: string): { createdAt: Date; id: string } | null {
  const [iso, id] = Buffer.from(cursor, "base64url").toString().split("|");
  const createdAt = new Date(iso);
  return id && !Number.isNaN(createdAt.getTime()) ? { createdAt, id } : null;
}

function conditions(v: Visibility, f: RequestFilters): Prisma.Sql[] {
  const where = [Prisma.sql`"orgId" = ${v.orgId}`];
  if (v.onlyUserId) where.push(Prisma.sql`"userId" = ${v.onlyUserId}`);
  if (f.status) where.push(Prisma.sql`"statusClass" = ${Number(f.status[0])}`);
  if (f.method) where.push(Prisma.sql`method = ${f.method}`);
  if (f.path) where.push(Prisma.sql`path ILIKE ${`%${f.path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}`);
  if (f.key) where.push(Prisma.sql`"keyId" = ${f.key}`);
  if (f.requestId) where.push(Prisma.sql`"requestId" = ${f.requestId}`);
  if (f.from) where.push(Prisma.sql`"createdAt" >= ${f.from}`);
  if (f.to) where.push(Prisma.sql`"createdAt" < ${f.to}`);
  return where;
}

export interface RequestSummary {
  id: string;
  createdAt: Date;
  requestId: string;
  method: string;
  path: string;
  query: string | null;
  status: number;
  durationMs: number;
  keyId: string | null;
  keyName: string | null;
  ip: string | null;
}

const DAY = 86_400_000;
/**
 * Lower bounds tried in turn, in days before the page's upper end. The log is
 * partitioned by day: a bounded query is planned and run on the two or eight
 * partitions concerned, not on every day kept. It is the right answer whenever
 * it fills the page (every older row sorts after all of its rows); when it does
 * not, the next, wider one runs, and finally the unbounded one.
 */
const WINDOWS = [1, 7, null] as const;

/** Newest first, keyset-paginated on (createdAt, id): every page is an index range scan. */
export async function listRequests(v: Visibility, f: RequestFilters) {
  const where = conditions(v, f);
  let upper = Date.now();
  if (f.cursor) {
    const c = decodeCursor(f.cursor);
    if (c) {
      where.push(Prisma.sql`("createdAt", id) < (${c.createdAt}, ${c.id})`);
      upper = Math.min(upper, c.createdAt.getTime());
    }
  }
  if (f.to) upper = Math.min(upper, f.to.getTime());
  let rows: RequestSummary[] = [];
  for (const days of WINDOWS) {
    // A request id matches one or two rows: no window can fill the page.
    if (days !== null && (f.requestId || (f.from && f.from.getTime() >= upper - days * DAY))) continue;
    const bounded = days === null ? where : [...where, Prisma.sql`"createdAt" >= ${new Date(upper - days * DAY)}`];
    rows = await db.$queryRaw<RequestSummary[]>`
      SELECT id, "createdAt", "requestId", method, path, query, status, "durationMs", "keyId", "keyName", ip
      FROM "RequestLog" WHERE ${Prisma.join(bounded, " AND ")}
      ORDER BY "createdAt" DESC, id DESC LIMIT ${f.limit + 1}`;
    if (rows.length > f.limit) break;
  }
  const page = rows.slice(0, f.limit);
  const last = page[page.length - 1];
  return { requests: page, nextCursor: rows.length > f.limit && last ? encodeCursor(last.createdAt, last.id) : null };
}

/** The instant a request-log id was made at (lib/db/ids.ts: "c", 9 base-36 digits of ms), or null. */
function idTime(id: string): Date | null {
  if (!/^c[0-9a-z]{24}$/.test(id)) return null;
  const ms = parseInt(id.slice(1, 10), 36);
  return ms > 946_684_800_000 && ms < 4_102_444_800_000 ? new Date(ms) : null;
}

export async function getRequest(v: Visibility, id: string) {
  const where = { id, orgId: v.orgId, ...(v.onlyUserId ? { userId: v.onlyUserId } : {}) };
  // Ids the log writer makes carry their row's createdAt: that finds the one partition.
  // Others (rows written through Prisma, say the demo's) take the search of every partition.
  const at = idTime(id);
  const row = (at && (await db.requestLog.findFirst({ where: { ...where, createdAt: at } }))) || (await db.requestLog.findFirst({ where }));
  if (!row) throw notFound("Request");
  return row;
}

export interface Bucket {
  bucket: Date;
  s2: number;
  s3: number;
  s4: number;
  s5: number;
}

type BucketRow = { bucket: Date; s2: bigint; s3: bigint; s4: bigint; s5: bigint };

/**
 * Requests over time, stacked by status class, in `bucketMinutes` buckets. Buckets that are
 * whole rollup buckets (the 24 h, 7 d and 30 d charts) are summed from the rollup, a few
 * thousand rows whatever the traffic; filters the rollup does not hold (method, path, request id)
 * and finer buckets count the log rows themselves.
 */
export async function requestsOverTime(v: Visibility, f: RequestFilters, from: Date, to: Date, bucketMinutes: number): Promise<Bucket[]> {
  const seconds = bucketMinutes * 60;
  let rows: BucketRow[];
  if (bucketMinutes % ROLLUP_MINUTES === 0 && !f.method && !f.path && !f.requestId) {
    const where = rollupWhere({
      orgId: v.orgId,
      userId: v.onlyUserId,
      keyId: f.key,
      statusClass: f.status ? Number(f.status[0]) : undefined,
      from: f.from && f.from > from ? f.from : from,
      to: f.to && f.to < to ? f.to : to,
    });
    rows = await db.$queryRaw<BucketRow[]>`
      SELECT to_timestamp(floor(extract(epoch FROM bucket) / ${seconds}) * ${seconds}) AT TIME ZONE 'UTC' AS bucket,
             sum(count) FILTER (WHERE "statusClass" = 2) AS s2, sum(count) FILTER (WHERE "statusClass" = 3) AS s3,
             sum(count) FILTER (WHERE "statusClass" = 4) AS s4, sum(count) FILTER (WHERE "statusClass" = 5) AS s5
      FROM "RequestLogRollup" WHERE ${where}
      GROUP BY 1 ORDER BY 1`;
  } else {
    const where = conditions(v, { ...f, from, to });
    rows = await db.$queryRaw<BucketRow[]>`
      SELECT to_timestamp(floor(extract(epoch FROM "createdAt") / ${seconds}) * ${seconds}) AT TIME ZONE 'UTC' AS bucket,
             count(*) FILTER (WHERE "statusClass" = 2) AS s2, count(*) FILTER (WHERE "statusClass" = 3) AS s3,
             count(*) FILTER (WHERE "statusClass" = 4) AS s4, count(*) FILTER (WHERE "statusClass" = 5) AS s5
      FROM "RequestLog" WHERE ${Prisma.join(where, " AND ")}
      GROUP BY 1 ORDER BY 1`;
  }
  const n = (x: bigint | null) => Number(x ?? 0);
  return rows.map((r) => ({ bucket: r.bucket, s2: n(r.s2), s3: n(r.s3), s4: n(r.s4), s5: n(r.s5) }));
}

export function serializeRequest(r: RequestSummary) {
  return {
    id: r.id,
    createdAt: r.createdAt.toISOString(),
    requestId: r.requestId,
    method: r.method,
    path: r.path,
    query: r.query,
    status: r.status,
    durationMs: r.durationMs,
    key: r.keyId ? { id: r.keyId, name: r.keyName } : null,
    ip: r.ip,
  };
}

export function serializeRequestDetail(r: Awaited<ReturnType<typeof getRequest>>) {
  return {
    ...serializeRequest(r),
    userId: r.userId,
    userAgent: r.userAgent,
    requestHeaders: r.requestHeaders,
    requestBody: r.requestBody,
    requestBodyTruncated: r.requestBodyTruncated,
    responseBody: r.responseBody,
    responseBodyTruncated: r.responseBodyTruncated,
  };
}
