import path from "node:path";

/** Where the data lives: any PostgreSQL, or the embedded PGlite under ./data. */
export type DatabaseConfig = { kind: "postgres"; url: string; schema?: string } | { kind: "pglite"; dataDir: string };

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  // Runtime-only path: keep the bundler from tracing the whole project.
  return path.resolve(/* turbopackIgnore: true */ process.cwd(), env.CONTINUATA_DATA_DIR ?? "data");
}

export function resolveDatabaseConfig(env: NodeJS.ProcessEnv = process.env): DatabaseConfig {
  const url = env.DATABASE_URL?.trim();
  if (url) {
    const schema = new URL(url).searchParams.get("schema") ?? undefined;
    return { kind: "postgres", url, schema };
  }
  return { kind: "pglite", dataDir: path.join(dataDir(env), "pglite") };
}

/** A one-line description safe to print: never includes a password. */
export function describeDatabase(config: DatabaseConfig): string {
  if (config.kind === "pglite") return `embedded PostgreSQL (PGlite) at ${config.dataDir}`;
  const u = new URL(config.url);
  return `PostgreSQL at ${u.hostname}:${u.port || 5432}${u.pathname}`;
}
