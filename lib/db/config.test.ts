import path from "node:path";
import { describe, expect, it } from "vitest";
import { describeDatabase, resolveDatabaseConfig } from "./config";

const env = (e: Record<string, string>) => e as unknown as NodeJS.ProcessEnv;

describe("resolveDatabaseConfig", () => {
  it("uses PostgreSQL when DATABASE_URL is set, with Prisma's schema parameter", () => {
    expect(resolveDatabaseConfig(env({ DATABASE_URL: "postgresql://u:p@db:5432/app?schema=s1" }))).toEqual({
      kind: "postgres",
      url: "postgresql://u:p@db:5432/app?schema=s1",
      schema: "s1",
    });
  });
  it("falls back to PGlite under the data directory", () => {
    expect(resolveDatabaseConfig(env({ CONTINUATA_DATA_DIR: "/tmp/x" }))).toEqual({
      kind: "pglite",
      dataDir: path.join("/tmp/x", "pglite"),
    });
  });
  it("never prints a password", () => {
    expect(describeDatabase({ kind: "postgres", url: "postgresql://u:secret@db:5432/app" })).not.toContain("secret");
  });
});
