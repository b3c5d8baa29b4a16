import { driver } from "@/lib/db/client";

const PROBE_EVERY_MS = 1000;

interface Outage {
  since: number;
  refused: number;
  probe: NodeJS.Timeout;
}

const state = globalThis as unknown as { __continuataOutage?: { current: Outage | null; listeners: Set<() => void> } };
const shared = () => (state.__continuataOutage ??= { current: null, listeners: new Set() });

/**
 * One log line when the database stops answering and one when it is back,
 * however many requests were refused in between (a per-request stack trace
 * would bury everything else in the log). While it is down, a `SELECT 1` every
 * second notices the recovery even when no request arrives.
 */
export function noteDatabaseDown(kind: "request" | "background", err?: unknown): void {
  const s = shared();
  if (!s.current) {
    const since = Date.now();
    const reason = err instanceof Error ? `: ${err.message.split("\n")[0].slice(0, 200)}` : "";
    console.error(`[db] database unavailable since ${new Date(since).toISOString()}${reason}`);
    const probe = setInterval(() => void probeOnce(), PROBE_EVERY_MS);
    probe.unref?.();
    s.current = { since, refused: 0, probe };
  }
  if (kind === "request") s.current.refused++;
}

async function probeOnce() {
  try {
    await driver.query("SELECT 1");
  } catch {
    return;
  }
  noteDatabaseUp();
}

/** Called on a successful probe (or any write that went through). */
export function noteDatabaseUp(): void {
  const s = shared();
  const outage = s.current;
  if (!outage) return;
  s.current = null;
  clearInterval(outage.probe);
  const seconds = ((Date.now() - outage.since) / 1000).toFixed(1);
  console.error(`[db] database back after ${seconds} s, ${outage.refused} requests refused`);
  for (const listener of s.listeners) listener();
}

export const databaseDown = (): boolean => shared().current !== null;

/** Runs `listener` each time the database comes back. */
export function onDatabaseBack(listener: () => void): () => void {
  shared().listeners.add(listener);
  return () => shared().listeners.delete(listener);
}
