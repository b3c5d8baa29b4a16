import type { Prisma } from "@/lib/generated/prisma/client";
import type { CapturedBody } from "./capture";
import { maskHeaders, maskPath, maskQuery } from "./mask";

export type RequestLogRow = Prisma.RequestLogCreateManyInput;

export interface LogSubject {
  orgId: string;
  keyId?: string | null;
  keyName?: string | null;
  userId?: string | null;
}

/** A request as the API wrapper hands it over: nothing masked yet, bodies possibly still being read. */
export interface RecordInput {
  subject: LogSubject;
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
}

const UNREADABLE: CapturedBody = { body: "[body could not be read]", truncated: false };

async function settle(body: RecordInput["requestBody"]): Promise<CapturedBody | null> {
  try {
    return await body;
  } catch {
    return UNREADABLE;
  }
}

/** The stored record: secrets masked, long fields capped. */
export async function toRow(input: RecordInput): Promise<RequestLogRow> {
  const [reqBody, resBody] = await Promise.all([settle(input.requestBody), settle(input.responseBody)]);
  return {
    orgId: input.subject.orgId,
    createdAt: input.receivedAt,
    keyId: input.subject.keyId ?? null,
    keyName: input.subject.keyName ?? null,
    userId: input.subject.userId ?? null,
    requestId: input.requestId,
    method: input.req.method,
    path: maskPath(input.url.pathname).slice(0, 2048),
    query: input.url.search ? maskQuery(input.url.search.slice(1)).slice(0, 2048) : null,
    status: input.status,
    statusClass: Math.floor(input.status / 100),
    durationMs: Math.round(input.durationMs),
    ip: input.ip,
    userAgent: input.req.headers.get("user-agent")?.slice(0, 512) ?? null,
    requestHeaders: maskHeaders(input.req.headers),
    requestBody: reqBody?.body ?? null,
    requestBodyTruncated: reqBody?.truncated ?? false,
    responseBody: resBody?.body ?? null,
    responseBodyTruncated: resBody?.truncated ?? false,
  };
}
