import { after } from "next/server";
import type { CapturedBody } from "./capture";
import { maskHeaders, maskQuery } from "./mask";
import { requestLogWriter } from "./writer";

export interface LogSubject {
  orgId: string;
  keyId?: string | null;
  keyName?: string | null;
  userId?: string | null;
}

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

let inFlight = 0;

/** Runs after the response is sent when Next provides a request scope; otherwise on the next tick. */
export function afterResponse(task: () => Promise<void>) {
  inFlight++;
  const run = () =>
    task()
      .catch((err) => console.error("[request-log] could not record a request:", (err as Error).message))
      .finally(() => inFlight--);
  try {
    after(run);
  } catch {
    setImmediate(run);
  }
}

/** Builds the masked record and hands it to the batch writer. Never throws into the request. */
export function recordRequest(input: RecordInput): void {
  afterResponse(async () => {
    const [reqBody, resBody] = await Promise.all([input.requestBody, input.responseBody]);
    requestLogWriter().enqueue({
      orgId: input.subject.orgId,
      createdAt: input.receivedAt,
      keyId: input.subject.keyId ?? null,
      keyName: input.subject.keyName ?? null,
      userId: input.subject.userId ?? null,
      requestId: input.requestId,
      method: input.req.method,
      path: input.url.pathname.slice(0, 2048),
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
    });
  });
}

/** Waits for records still being captured, then writes everything buffered (tests, shutdown). */
export async function flushRequestLog(): Promise<void> {
  for (let i = 0; i < 1000 && inFlight > 0; i++) await new Promise((r) => setTimeout(r, 5));
  await requestLogWriter().drain();
}
