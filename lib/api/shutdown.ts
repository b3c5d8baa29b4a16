const state = globalThis as unknown as { __continuataShutdown?: { since: number | null } };

function shared() {
  if (!state.__continuataShutdown) {
    const s = (state.__continuataShutdown = { since: null as number | null });
    process.once("SIGTERM", () => (s.since = Date.now()));
  }
  return state.__continuataShutdown;
}
shared();

/** True once SIGTERM has arrived. */
export const isShuttingDown = (): boolean => shared().since !== null;

/**
 * `next start` on SIGTERM stops listening and then waits until every open
 * connection has closed; a client that keeps sending on a keep-alive
 * connection would hold it open forever. After SIGTERM every API answer says
 * `Connection: close`, so each connection ends after its current request.
 */
export function closeWhenShuttingDown(res: Response): void {
  if (!isShuttingDown()) return;
  try {
    res.headers.set("Connection", "close");
  } catch {
    // immutable headers: nothing to do
  }
}
