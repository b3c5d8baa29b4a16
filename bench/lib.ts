import { spawn, type ChildProcess } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import autocannon from "autocannon";

export interface Load {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  total: number;
  /** The app server's CPU time per request (all processes of its group), when measured. */
  cpuUs?: number;
  /** PostgreSQL's CPU time per request (the bench's own server: its postmaster and children), when measured. */
  dbCpuUs?: number;
}

export async function load(
  name: string,
  url: string,
  headers: Record<string, string> = {},
  seconds = 10,
  connections = 10,
  server?: ChildProcess,
): Promise<Load> {
  return measured(name, server, () => autocannon({ url, headers, duration: seconds, connections }));
}

/** One autocannon run, with the app's and PostgreSQL's CPU time per answered request when a server is given. */
export async function measured(name: string, server: ChildProcess | undefined, run: () => Promise<autocannon.Result>): Promise<Load> {
  const cpuBefore = server ? groupCpuMs(server) : 0;
  // Only when the bench runs on a PostgreSQL of this machine (bench/setup.ts found its postmaster).
  const postmaster = server ? Number(process.env.BENCH_POSTMASTER_PID) || 0 : 0;
  const dbBefore = postmaster ? postgresCpuMs(postmaster) : 0;
  const r = await run();
  const answered = r["2xx"] + r.non2xx;
  const perRequest = (ms: number) => (server && answered ? Math.round((ms * 1000) / answered) : undefined);
  return {
    name,
    rps: Math.round(r.requests.average),
    p50: r.latency.p50,
    p99: r.latency.p99,
    non2xx: r.non2xx,
    total: answered,
    cpuUs: perRequest(server ? groupCpuMs(server) - cpuBefore : 0),
    dbCpuUs: postmaster ? perRequest(postgresCpuMs(postmaster) - dbBefore) : undefined,
  };
}

/** Parent, state, process group and CPU ticks (user + system) of every process, from /proc. */
interface Proc {
  pid: number;
  ppid: number;
  state: string;
  pgid: number;
  ticks: number;
  /** CPU ticks of its children that exited and were waited for. */
  reaped: number;
}

function processes(): Proc[] {
  const found: Proc[] = [];
  for (const pid of readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
      const fields = stat.slice(stat.lastIndexOf(") ") + 2).split(" ");
      found.push({
        pid: Number(pid),
        ppid: Number(fields[1]),
        state: fields[0],
        pgid: Number(fields[2]),
        ticks: Number(fields[11]) + Number(fields[12]),
        reaped: Number(fields[13]) + Number(fields[14]),
      });
    } catch {
      // the process ended meanwhile
    }
  }
  return found;
}

const groupProcesses = (pgid: number) => processes().filter((p) => p.pgid === pgid);

/** A process's parent, or undefined when it is not a process of this machine. */
export const parentOf = (pid: number): number | undefined => processes().find((p) => p.pid === pid)?.ppid;

/**
 * CPU time (ms) of one PostgreSQL server: its postmaster and every process it started (the
 * backends serving the app, the WAL writer, autovacuum). A backend that exits is reaped by the
 * postmaster, whose children's time (cutime, cstime) then holds it, so the sum never goes back.
 */
export function postgresCpuMs(postmaster: number): number {
  return (
    processes()
      .filter((p) => p.pid === postmaster || p.ppid === postmaster)
      .reduce((sum, p) => sum + p.ticks + (p.pid === postmaster ? p.reaped : 0), 0) * 10
  );
}

/**
 * CPU time (ms) used so far by every process in the server's process group:
 * less noisy than throughput on a shared machine. Background work that
 * outlives a run (a request-log batch) lands in the next.
 */
export function groupCpuMs(server: ChildProcess): number {
  return groupProcesses(server.pid!).reduce((sum, p) => sum + p.ticks, 0) * 10; // USER_HZ is 100 on Linux
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

/**
 * SIGTERM to the server's process group; resolves when every process in it
 * has exited. The server writes its buffered request log before it exits, and
 * the embedded database stays locked until then.
 */
export async function stopServer(child: ChildProcess): Promise<void> {
  if (!child.pid) return;
  try {
    process.kill(-child.pid, "SIGTERM");
  } catch {
    return; // already gone
  }
  for (let i = 0; i < 300 && groupAlive(child.pid); i++) await new Promise((r) => setTimeout(r, 50));
}

const groupAlive = (pgid: number) => groupProcesses(pgid).some((p) => p.state !== "Z");

export function percentile(sorted: number[], p: number) {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export const table = (rows: Load[]) => {
  const cpu = rows.some((r) => r.cpuUs !== undefined);
  const dbCpu = rows.some((r) => r.dbCpuUs !== undefined);
  return [
    `| endpoint | req/s | p50 ms | p99 ms | non-2xx |${cpu ? " app CPU µs/req |" : ""}${dbCpu ? " PostgreSQL CPU µs/req |" : ""}`,
    `|---|---|---|---|---|${cpu ? "---|" : ""}${dbCpu ? "---|" : ""}`,
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.rps} | ${r.p50} | ${r.p99} | ${r.non2xx} |${cpu ? ` ${r.cpuUs ?? ""} |` : ""}${dbCpu ? ` ${r.dbCpuUs ?? ""} |` : ""}`,
    ),
  ].join("\n");
};
