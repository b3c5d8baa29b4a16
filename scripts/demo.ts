// npm run demo: a demo organisation on the configured database (idempotent).
import { spawnSync } from "node:child_process";

// Bring the database up to date first, as `npm run dev` does: a fresh clone can run this before anything else.
const migrate = spawnSync("npx", ["--no-install", "tsx", "scripts/migrate.ts"], { stdio: "inherit", env: process.env });
if (migrate.status !== 0) process.exit(migrate.status ?? 1);

const { seedDemo, DEMO_OWNER } = await import("@/lib/demo/seed");
const { appUrl } = await import("@/lib/config/app");
try {
  const result = await seedDemo();
  console.log(
    result.created
      ? `Created the demo organisation with ${result.requests} recorded API requests.`
      : "The demo organisation exists already; left as it is.",
  );
  console.log(`Sign in at ${appUrl()}/signin as ${DEMO_OWNER} and open /orgs/${result.slug}.`);
  process.exit(0);
} catch (err) {
  console.error(`Could not create the demo organisation: ${(err as Error).message}`);
  process.exit(1);
}
