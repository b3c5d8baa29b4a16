import type { Prisma } from "@/lib/generated/prisma/client";
import { NOT_CAPTURED, type CapturedBody } from "./capture";
import { maskHeaders, maskPath, maskQuery } from "./mask";
import { storable, storableRecord } from "./storable";

export type RequestLogRow = Prisma.RequestLogCreateManyInput & {
  /** Set when the credential could not be looked up (database down): the writer resolves it to orgId/keyId before inserting. */
  apiKeyHash?: string;
};

export interface LogSubject {
  orgId: string;
  keyId?: string | null;
  keyName?: string | null;
  userId?: string | null;
}

/** An API key not yet looked up because the database did not answer: recorded once it does, if the key is known. */
export interface PendingSubject {
  apiKeyHash: string;
}

/** A request as the API wrapper hands it over: nothing masked yet, bodies possibly still being read. */
export interface RecordInput {
  subject: LogSubject | PendingSubject;
  /** When the request arrived: the record's time, whenever it is written. */
  receivedAt: Date;
  requestId: string;
  req: Request;
  url: URL;
  ip: string | null;
  status: number;
  durationMs: number;
  requestBody: Promise<CapturedBody> | CapturedBody | null;
  responseBody: Promise<CapturedBody> | CapturedBody | null;
  /** Aborts the body captures still running: the writer's way to cut off a body nobody reads. */
  captures?: AbortController;
}

/**
 * How long after the response a body capture may still take. A body the handler
 * read is complete by then; one it never read (an early 401/413, an action that
 * takes no body) may never end, and must not hold up the records behind it.
 */
export const CAPTURE_GRACE_MS = 1000;

const UNREADABLE: CapturedBody = { body: "[body could not be read]", truncated: false };

async function settle(body: RecordInput["requestBody"], deadline: Promise<"late">): Promise<CapturedBody | null | "late"> {
  try {
    return await Promise.race([body, deadline]);
  } catch {
    return UNREADABLE;
  }
}

/** The stored record: secrets masked, long fields capped, text made storable. Never waits longer than CAPTURE_GRACE_MS past the response. */
export async function toRow(input: RecordInput, now = Date.now()): Promise<RequestLogRow> {
  // Most API responses are serialised by `json` and captured at once: then no timer, no race.
  const [reqBody, resBody] =
    isPromise(input.requestBody) || isPromise(input.responseBody)
      ? await bodiesWithin(input, now)
      : [input.requestBody, input.responseBody];
  return rowOf(input, reqBody, resBody);
}

const isPromise = (body: RecordInput["requestBody"]): body is Promise<CapturedBody> => body instanceof Promise;

/** Bodies still being read: waited for until CAPTURE_GRACE_MS past the response, then cut off. */
async function bodiesWithin(input: RecordInput, now: number): Promise<[CapturedBody | null, CapturedBody | null]> {
  const due = input.receivedAt.getTime() + input.durationMs + CAPTURE_GRACE_MS - now;
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"late">((resolve) => {
    timer = setTimeout(() => resolve("late"), Math.max(0, due));
  });
  const [req, res] = await Promise.all([settle(input.requestBody, deadline), settle(input.responseBody, deadline)]);
  clearTimeout(timer);
  if (req === "late" || res === "late") input.captures?.abort();
  return [req === "late" ? NOT_CAPTURED : req, res === "late" ? NOT_CAPTURED : res];
}

function rowOf(input: RecordInput, reqBody: CapturedBody | null, resBody: CapturedBody | null): RequestLogRow {
  const subject = input.subject;
  const pending = "apiKeyHash" in subject ? subject.apiKeyHash : undefined;
  const known = "apiKeyHash" in subject ? undefined : subject;
  return {
    orgId: known?.orgId ?? "",
    ...(pending ? { apiKeyHash: pending } : {}),
    createdAt: input.receivedAt,
    keyId: known?.keyId ?? null,
    keyName: storable(known?.keyName ?? null),
    userId: known?.userId ?? null,
    requestId: input.requestId,
    method: storable(input.req.method),
    path: storable(maskPath(input.url.pathname).slice(0, 2048)),
    query: input.url.search ? storable(maskQuery(input.url.search.slice(1)).slice(0, 2048)) : null,
    status: input.status,
    statusClass: Math.floor(input.status / 100),
    durationMs: Math.round(input.durationMs),
    ip: storable(input.ip),
    userAgent: storable(input.req.headers.get("user-agent")?.slice(0, 512) ?? null),
    requestHeaders: storableRecord(maskHeaders(input.req.headers)),
    requestBody: storable(reqBody?.body ?? null),
    requestBodyTruncated: reqBody?.truncated ?? false,
    responseBody: storable(resBody?.body ?? null),
    responseBodyTruncated: resBody?.truncated ?? false,
  };
}
