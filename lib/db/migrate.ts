import type { AdapterFactory } from "./adapter";
import { createSchemaEngine, noFilters, readMigrations, readSchemaFiles } from "./schema-engine";

/** Applies every migration not yet recorded in `_prisma_migrations`; returns their names. */
export async function applyMigrations(adapter: AdapterFactory): Promise<string[]> {
  const migrationsList = readMigrations();
  if (migrationsList.migrationDirectories.length === 0) {
    throw new Error(`No migrations found in ${migrationsList.baseDir}.`);
  }
  const engine = await createSchemaEngine(adapter);
  try {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: noFilters });
    return appliedMigrationNames;
  } finally {
    engine.free();
  }
}

/**
 * SQL that takes a database built from the migration history to the current
 * schema; empty when they agree. Uses a shadow database from the adapter.
 */
export async function diffHistoryToSchema(adapter: AdapterFactory, dirs: { schema?: string; migrations?: string } = {}): Promise<string> {
  const files = readSchemaFiles(dirs.schema);
  const engine = await createSchemaEngine(adapter, files);
  const history = readMigrations(dirs.migrations);
  try {
    const result = await engine.diff({
      from: history.migrationDirectories.length ? { tag: "migrations", ...history } : { tag: "empty" },
      to: { tag: "schemaDatamodel", files },
      script: true,
      exitCode: null,
      filters: noFilters,
    });
    const sql = result.stdout ?? "";
    return /^\s*(-- This is an empty migration\.)?\s*$/.test(sql) ? "" : sql;
  } finally {
    engine.free();
  }
}
