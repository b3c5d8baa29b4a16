import { readFileSync } from "node:fs";
import { afterAll } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { openPGlite } from "@/lib/db/adapter";
import { disconnectDb, useDatabase } from "@/lib/db/client";

// Each test file gets its own in-memory copy of the migrated snapshot; with
// TEST_DATABASE_URL the files share the run's fresh PostgreSQL database.
const snapshot = process.env.TEST_PGLITE_SNAPSHOT;
if (snapshot) {
  const pglite = new PGlite({ loadDataDir: new Blob([readFileSync(snapshot)]) });
  useDatabase(openPGlite(pglite));
}

afterAll(async () => {
  await disconnectDb();
});
