import { AppError } from "@/lib/errors";

/** How long an upload may send nothing before it is cut off (UPLOAD_IDLE_TIMEOUT_MS, default 30 s). */
export function uploadIdleTimeoutMs(): number {
  const raw = process.env.UPLOAD_IDLE_TIMEOUT_MS;
  return raw && /^[1-9]\d{0,7}$/.test(raw) ? Number(raw) : 30_000;
}

export const idleTimeoutError = (ms: number) =>
  new AppError("REQUEST_TIMEOUT", `The upload sent nothing for ${Math.round(ms / 1000)} s and was cut off. Send the file again.`);

/**
 * Passes a body through, failing it (and cancelling the source, which lets the
 * connection go) when no chunk arrives within `idleMs`: a few slow clients must
 * not hold the server's connections and upload slots.
 */
export function withIdleTimeout(body: ReadableStream<Uint8Array>, idleMs = uploadIdleTimeoutMs()): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let timer: NodeJS.Timeout | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      const timedOut = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(idleTimeoutError(idleMs)), idleMs);
      });
      try {
        const { done, value } = await Promise.race([reader.read(), timedOut]);
        if (done) controller.close();
        else controller.enqueue(value);
      } catch (err) {
        controller.error(err);
        reader.cancel(err).catch(() => {});
      } finally {
        clearTimeout(timer);
      }
    },
    cancel(reason) {
      clearTimeout(timer);
      return reader.cancel(reason);
    },
  });
}

/**
 * A 408 after an idle upload also ends the connection: the client may still be
 * trickling the rest of its body, and the point is to free the server of it
 * (measured on `next start`: the socket closes right after the 408 with this
 * header, about 6 s later without it).
 */
export function closeAfterTimeout(res: Response): Response {
  if (res.status === 408) res.headers.set("Connection", "close");
  return res;
}
