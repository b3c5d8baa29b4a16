import { spawn } from "node:child_process";
import autocannon from "autocannon";
import { benchOrg, freshDatabase } from "../setup";
const fresh = await freshDatabase("prof");
const { db, disconnectDb } = await import("@/lib/db/client");
const { refreshPersonalKey } = await import("@/lib/keys/manage");
const { org, actor } = await benchOrg();
const { token, key } = await refreshPersonalKey(actor, org.id);
await db.apiKey.update({ where: { id: key.id }, data: { rateLimitPerMinute: 10_000_000 } });
await disconnectDb();
const path = process.env.PROF_PATH ?? "/api/whoami";
const child = spawn("node", ["--cpu-prof", "--cpu-prof-dir=" + (process.env.PROF_DIR ?? "/tmp/prof"), "node_modules/next/dist/bin/next", "start", "-p", "3497"], {
  env: { ...process.env, ...fresh.serverEnv, NODE_ENV: "production", MAIL_OUTBOX: "1", AUTH_SECRET: "x", NEXT_TELEMETRY_DISABLED: "1" },
  stdio: ["ignore", "inherit", "inherit"],
});
for (;;) { try { if ((await fetch("http://127.0.0.1:3497/api/health")).ok) break; } catch {} await new Promise((r) => setTimeout(r, 200)); }
const run = (p: string) => new Promise<any>((res) => autocannon({ url: `http://127.0.0.1:3497${p}`, connections: 10, duration: 10, headers: { authorization: `Bearer ${token}` } }, (e, r) => res(r)));
await run(path);
const r = await run(path);
console.log(path, r.requests.average, "req/s");
child.kill("SIGTERM");
await new Promise((r) => child.on("exit", r));
