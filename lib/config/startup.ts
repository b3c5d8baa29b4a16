import { mailMode } from "@/lib/mail/mode";
import { authSecret } from "@/lib/auth/secret";
import { appUrl } from "./app";

/**
 * Checked once when the server starts (instrumentation.ts), so a production
 * deploy with missing settings fails at boot with a message instead of at the
 * first sign-in.
 */
export function checkStartupConfig(): void {
  process.env.NEXTAUTH_URL ??= appUrl();
  mailMode(); // throws in production without SMTP_URL
  authSecret(); // throws in production without AUTH_SECRET
}

export function checkStartupConfigOrExit(): void {
  try {
    checkStartupConfig();
  } catch (err) {
    console.error(`\nContinuata cannot start: ${(err as Error).message}\n`);
    process.exit(1);
  }
}

/** Background jobs of a server process. */
export async function startBackgroundJobs(): Promise<void> {
  const { startRetentionJob } = await import("@/lib/request-log/retention");
  startRetentionJob();
  const { startIdempotencyPurge } = await import("@/lib/api/idempotency");
  startIdempotencyPurge();
  // Outbound webhooks and version notices: every instance runs one; they share the work through row claims.
  const { startWebhookWorker } = await import("@/lib/webhooks/worker");
  startWebhookWorker();
}
