// Used by the Prisma CLI for `prisma generate` only. Migrations never go through
// the CLI here (it needs a downloaded schema-engine binary): see lib/db/migrate.ts.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema",
  migrations: { path: "prisma/migrations" },
});
