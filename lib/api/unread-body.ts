import { READ_LIMIT } from "@/lib/request-log/capture";
import { noteBodyRead } from "./read-bodies";

/** A request body the handler left unread is read and discarded up to this size, so the connection can be reused. */
export const DRAIN_LIMIT = 64 * 1024;
const DRAIN_TIMEOUT_MS = 500;

/**
 * After a handler answered without reading the whole body (an early 401/403/404,
 * an action that takes no body, a 413), the rest of the body is still on the
 * socket, and the next request on a keep-alive connection would wait behind it
 * until the server resets the connection. Small bodies are drained (cheap, and
 * their log capture completes); anything larger or slower gets
 * `Connection: close`, so the client opens a new connection instead.
 */
export async function settleUnreadBody(req: Request, res: Response): Promise<void> {
  if (!req.body || req.method === "GET" || req.method === "HEAD") return;
  if (res.status === 413) return closeAfter(res);
  if (req.bodyUsed) return;
  const declared = req.headers.get("content-length");
  if (declared !== null && !(Number(declared) <= DRAIN_LIMIT)) return closeAfter(res);
  if (!(await drain(req))) closeAfter(res);
}

function closeAfter(res: Response) {
  try {
    res.headers.set("Connection", "close");
  } catch {
    // immutable headers (a Response.redirect): nothing to do
  }
}

/**
 * True when the body ended within DRAIN_LIMIT bytes and DRAIN_TIMEOUT_MS. Its
 * first bytes go to the request log (./read-bodies.ts) unless it timed out.
 */
async function drain(req: Request): Promise<boolean> {
  const reader = req.body!.getReader();
  const kept: Uint8Array[] = [];
  const keep = (more: boolean) => noteBodyRead(req, Buffer.concat(kept), more);
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), DRAIN_TIMEOUT_MS);
  });
  let size = 0;
  try {
    for (;;) {
      const next = await Promise.race([reader.read(), timeout]);
      if (next === "timeout") break;
      if (next.done) {
        keep(false);
        return true;
      }
      if (size < READ_LIMIT) kept.push(next.value);
      size += next.value.byteLength;
      if (size > DRAIN_LIMIT) {
        keep(true);
        break;
      }
    }
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
  reader.cancel().catch(() => {});
  return false;
}
