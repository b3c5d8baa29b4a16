import { driver } from "@/lib/db/client";
import { noteDatabaseDown } from "@/lib/db/outage";

export interface CheckResult {
  status: "ok" | "down";
  latency_ms: number;
  error?: string;
}

const TIMEOUT_MS = 2000;

/** A `SELECT 1` bounded by a timeout, so a hung database cannot hang the health check. */
export async function checkDatabase(): Promise<CheckResult> {
  const started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      driver.query("SELECT 1"),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      }),
    ]);
    return { status: "ok", latency_ms: Math.round(performance.now() - started) };
  } catch (err) {
    noteDatabaseDown("background", err); // one log line per outage, however often health is polled
    return { status: "down", latency_ms: Math.round(performance.now() - started), error: "database unreachable" };
  } finally {
    clearTimeout(timer);
  }
}
