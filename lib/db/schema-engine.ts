import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import * as bg from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine, MigrationList, SchemaContainer } from "@prisma/schema-engine-wasm";
import { bindMigrationAwareSqlAdapterFactory, type SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { PrismaPg } from "@prisma/adapter-pg";
import type { AdapterFactory } from "./adapter";

/**
 * Prisma's schema engine compiled to WebAssembly: the same migration logic as
 * `prisma migrate`, without the native binary the CLI would download.
 */
let wasmReady = false;
function loadWasm() {
  if (wasmReady) return;
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const wasmModule = new WebAssembly.Module(readFileSync(path.join(dir, "schema_engine_bg.wasm")));
  const instance = new WebAssembly.Instance(wasmModule, { "./schema_engine_bg.js": bg as unknown as WebAssembly.ModuleImports });
  (bg as unknown as { __wbg_set_wasm(e: WebAssembly.Exports): void }).__wbg_set_wasm(instance.exports);
  (instance.exports as { __wbindgen_start(): void }).__wbindgen_start();
  wasmReady = true;
}

export const projectRoot = process.cwd();
export const schemaDir = path.join(projectRoot, "prisma", "schema");
export const migrationsDir = path.join(projectRoot, "prisma", "migrations");
export const noFilters = { externalTables: [], externalEnums: [] };

export function readSchemaFiles(dir = schemaDir): SchemaContainer[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(".prisma"))
    .sort()
    .map((f) => ({ path: path.join(dir, f), content: readFileSync(path.join(dir, f), "utf8") }));
}

/** The migration history as the engine wants it: the same layout `prisma migrate` reads. */
export function readMigrations(dir = migrationsDir): MigrationList {
  const lockPath = path.join(dir, "migration_lock.toml");
  let lockContent: string | null = null;
  try {
    lockContent = readFileSync(lockPath, "utf8");
  } catch {
    lockContent = null;
  }
  const entries = (() => {
    try {
      return readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory());
    } catch {
      return [];
    }
  })();
  return {
    baseDir: dir,
    lockfile: { path: "migration_lock.toml", content: lockContent },
    shadowDbInitScript: "",
    migrationDirectories: entries
      .map((d) => d.name)
      .sort()
      .map((name) => ({
        path: name,
        migrationFile: {
          path: "migration.sql",
          content: (() => {
            try {
              return { tag: "ok" as const, value: readFileSync(path.join(dir, name, "migration.sql"), "utf8") };
            } catch (err) {
              return { tag: "error" as const, value: (err as Error).message };
            }
          })(),
        },
      })),
  };
}

interface ScriptRunner {
  executeScript(script: string): Promise<void>;
  underlyingDriver(): unknown;
}

/**
 * @prisma/adapter-pg runs a migration script by splitting it on every ";",
 * which breaks function bodies and string literals. Send each script whole
 * instead: node-postgres uses the simple-query protocol for a query without
 * parameters, which runs all its statements as one implicit transaction.
 */
function wholeScripts(factory: PrismaPg): SqlMigrationAwareDriverAdapterFactory {
  const patch = <T extends ScriptRunner>(adapter: T): T => {
    adapter.executeScript = async (script: string) => {
      await (adapter.underlyingDriver() as { query(sql: string): Promise<unknown> }).query(script);
    };
    return adapter;
  };
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => patch(await factory.connect()),
    connectToShadowDb: async () => patch(await factory.connectToShadowDb()),
  };
}

export async function createSchemaEngine(adapter: AdapterFactory, files = readSchemaFiles()): Promise<SchemaEngine> {
  loadWasm();
  const factory = bindMigrationAwareSqlAdapterFactory(adapter instanceof PrismaPg ? wholeScripts(adapter) : adapter);
  const log = (line: string) => {
    if (process.env.DEBUG_SCHEMA_ENGINE) console.error(line);
  };
  return bg.SchemaEngine.new({ datamodels: files.map((f) => [f.path, f.content]) }, log, factory);
}
