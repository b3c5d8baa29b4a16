import { cpSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { PGlite } from "@electric-sql/pglite";
import { PrismaPGlite } from "pglite-prisma-adapter";
import { diffHistoryToSchema } from "@/lib/db/migrate";
import { migrationsDir, schemaDir } from "@/lib/db/schema-engine";

describe("migration history", () => {
  it("matches prisma/schema exactly (run `npm run db:migration -- <name>` after changing the schema)", async () => {
    const sql = await diffHistoryToSchema(new PrismaPGlite(new PGlite()));
    expect(sql).toBe("");
    // Replays every migration in the wasm schema engine: ~30 s on a busy 2-core machine.
  }, 120_000);

  it("is reported as out of date when the schema gains a field", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "schema-"));
    cpSync(schemaDir, dir, { recursive: true });
    const file = path.join(dir, "organizations.prisma");
    writeFileSync(file, readFileSync(file, "utf8").replace("  name      String\n", "  name      String\n  motto     String?\n"));
    const sql = await diffHistoryToSchema(new PrismaPGlite(new PGlite()), { schema: dir, migrations: migrationsDir });
    expect(sql).toMatch(/ALTER TABLE "Organization" ADD COLUMN\s+"motto" TEXT/);
  }, 120_000);
});
