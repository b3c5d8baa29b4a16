import { requestLogWriter } from "./writer";
import type { RecordInput } from "./row";

export type { LogSubject, PendingSubject, RecordInput } from "./row";

/**
 * Hands a request to the batch writer. Costs the request one array push:
 * masking, capping and the INSERT happen when its batch is written, at the
 * latest 200 ms later and always after the response has gone out. Never throws
 * into the request.
 */
export function recordRequest(input: RecordInput): void {
  requestLogWriter().enqueue(input);
}

/** Writes everything recorded so far (tests, shutdown). */
export async function flushRequestLog(): Promise<void> {
  await requestLogWriter().drain();
}
