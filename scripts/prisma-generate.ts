// `prisma generate` offline: the CLI insists on a schema-engine binary path
// even though generate never runs it. Point it at a stand-in that fails
// loudly, so a migrate command can never pretend to succeed.
import { spawnSync } from "node:child_process";
import path from "node:path";

const result = spawnSync("npx", ["--no-install", "prisma", "generate"], {
  stdio: ["ignore", "inherit", "inherit"],
  env: {
    ...process.env,
    PRISMA_SCHEMA_ENGINE_BINARY: path.resolve("scripts/no-schema-engine.sh"),
    PRISMA_HIDE_UPDATE_MESSAGE: "1",
    CHECKPOINT_DISABLE: "1",
  },
});
process.exit(result.status ?? 1);
