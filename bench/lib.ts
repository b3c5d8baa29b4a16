import { spawn, type ChildProcess } from "node:child_process";
import autocannon from "autocannon";

export interface Load {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  total: number;
}

export async function load(name: string, url: string, headers: Record<string, string> = {}, seconds = 10, connections = 10): Promise<Load> {
  const r = await autocannon({ url, headers, duration: seconds, connections });
  return { name, rps: Math.round(r.requests.average), p50: r.latency.p50, p99: r.latency.p99, non2xx: r.non2xx, total: r.requests.total };
}

/** `next start` on a production build, with the given environment; resolves once /api/health answers. */
export async function startServer(env: Record<string, string>, port: number): Promise<ChildProcess> {
  const child = spawn("npx", ["--no-install", "next", "start", "-p", String(port)], {
    env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", MAIL_OUTBOX: "1", AUTH_SECRET: "bench-only", ...env },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) return child;
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not start");
}

export function stopServer(child: ChildProcess) {
  if (child.pid) process.kill(-child.pid, "SIGTERM");
}

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const table = (rows: Load[]) =>
  ["| endpoint | req/s | p50 ms | p99 ms | non-2xx |", "|---|---|---|---|---|", ...rows.map((r) => `| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.non2xx} |`)].join("\n");
