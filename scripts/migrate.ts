// npm run db:migrate: apply pending migrations to the configured database.
import { openDatabase } from "@/lib/db/adapter";
import { describeDatabase, resolveDatabaseConfig } from "@/lib/db/config";
import { applyMigrations } from "@/lib/db/migrate";

const config = resolveDatabaseConfig();
try {
  const opened = openDatabase(config);
  const applied = await applyMigrations(opened.adapter);
  await opened.close();
  console.log(
    applied.length
      ? `Applied ${applied.length} migration(s) to ${describeDatabase(config)}:\n  ${applied.join("\n  ")}`
      : `${describeDatabase(config)} is up to date.`,
  );
  // The wasm engine keeps timers alive for a while; we are done.
  process.exit(0);
} catch (err) {
  console.error(`Migration failed on ${describeDatabase(config)}: ${(err as Error).message ?? err}`);
  process.exit(1);
}
