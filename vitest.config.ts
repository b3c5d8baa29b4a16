import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["lib/**/*.test.ts", "tests/**/*.test.ts"],
    globalSetup: ["tests/setup/global.ts"],
    setupFiles: ["tests/setup/db.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // No proxy in front of tests: a handler called with "X-Forwarded-For: a" sees a as the peer.
    env: { NODE_ENV: "test", TRUST_PROXY: "" },
  },
});
