import { defineConfig } from "@playwright/test";
import { SIGN_IN_LINKS_PER_IP } from "./e2e/limits";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const baseURL = `http://localhost:${PORT}`;

/**
 * Runs against a production build (`npm run build` first) with its own
 * embedded database under .e2e-data, mail going to the local outbox.
 */
export default defineConfig({
  testDir: "e2e",
  fullyParallel: false,
  workers: 1,
  retries: process.env.CI ? 1 : 0,
  timeout: 60_000,
  reporter: process.env.CI ? [["list"]] : [["list"], ["html", { open: "never" }]],
  use: {
    baseURL,
    trace: "retain-on-failure",
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: ["--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic"],
    },
  },
  webServer: {
    command: "rm -rf .e2e-data && npx tsx scripts/migrate.ts && npx next start",
    url: `${baseURL}/api/health`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: "pipe",
    env: {
      PORT: String(PORT),
      NEXTAUTH_URL: baseURL,
      CONTINUATA_DATA_DIR: ".e2e-data",
      MAIL_OUTBOX: "1",
      AUTH_SECRET: "e2e-only-secret-not-for-production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: "",
      // The webhook spec delivers to a receiver on this machine.
      WEBHOOK_ALLOW_PRIVATE: "1",
      // Every test signs in from 127.0.0.1: the whole suite asks for more than 30 links in 15 minutes.
      SIGN_IN_LINKS_PER_IP: String(SIGN_IN_LINKS_PER_IP),
    },
  },
});
