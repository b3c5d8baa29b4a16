import { READ_LIMIT } from "@/lib/request-log/capture";

/**
 * What was read of each request's body, for its request-log record: the body
 * readers (lib/api/body.ts) and the drain of unread bodies (./unread-body.ts)
 * note the first bytes here, so the log never tees the stream to read it twice.
 */
export interface ReadBody {
  bytes: Uint8Array;
  /** More came than `bytes` holds. */
  more: boolean;
}

const read = new WeakMap<Request, ReadBody>();

export function noteBodyRead(req: Request, bytes: Uint8Array, more = false) {
  read.set(req, bytes.length > READ_LIMIT ? { bytes: bytes.subarray(0, READ_LIMIT), more: true } : { bytes, more });
}

export const bodyRead = (req: Request): ReadBody | undefined => read.get(req);
