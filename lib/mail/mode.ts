export type MailMode = { kind: "smtp"; url: string } | { kind: "outbox" };

/**
 * SMTP_URL set: real mail. Unset: mail goes to the local outbox (console +
 * /dev/outbox), which is for development and automated tests only, so
 * production refuses it unless MAIL_OUTBOX=1 says this is a test deployment.
 */
export function mailMode(env: NodeJS.ProcessEnv = process.env): MailMode {
  if (env.SMTP_URL) return { kind: "smtp", url: env.SMTP_URL };
  if (env.NODE_ENV === "production" && env.MAIL_OUTBOX !== "1") {
    throw new Error(
      "SMTP_URL is required in production: sign-in links are sent by email. " +
        "Set SMTP_URL=smtp://user:pass@host:587 (or MAIL_OUTBOX=1 for a test deployment without real mail).",
    );
  }
  return { kind: "outbox" };
}

export const outboxEnabled = (env: NodeJS.ProcessEnv = process.env) =>
  !env.SMTP_URL && (env.NODE_ENV !== "production" || env.MAIL_OUTBOX === "1");
