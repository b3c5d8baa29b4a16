// npm run dev: bring the configured database up to date, then start `next dev`.
import { spawn, spawnSync } from "node:child_process";

process.env.NEXT_TELEMETRY_DISABLED = "1";
const step = (args: string[]) => {
  const r = spawnSync("npx", ["--no-install", "tsx", ...args], { stdio: "inherit", env: process.env });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
step(["scripts/prisma-generate.ts"]);
step(["scripts/migrate.ts"]);

const next = spawn("npx", ["--no-install", "next", "dev", ...process.argv.slice(2)], { stdio: "inherit", env: process.env });
for (const signal of ["SIGINT", "SIGTERM"] as const) process.on(signal, () => next.kill(signal));
next.on("exit", (code) => process.exit(code ?? 0));
