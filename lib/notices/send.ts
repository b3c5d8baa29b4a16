import { db } from "@/lib/db/client";
import { appUrl } from "@/lib/config/app";
import { sendMail } from "@/lib/mail/send";
import { versionNoticeMail } from "@/lib/mail/notice-template";

const MAX_MAIL_ATTEMPTS = 5;
const LEASE_MS = 60_000;

/** Notice mails per minute per server process (NOTICE_MAILS_PER_MINUTE, default 300): a big list never floods the mail server. */
export const noticeRatePerMinute = (env: NodeJS.ProcessEnv = process.env) => {
  const n = Number(env.NOTICE_MAILS_PER_MINUTE);
  return Number.isInteger(n) && n > 0 ? n : 300;
};

const budget = globalThis as unknown as { __continuataNoticeBudget?: { at: number; allowance: number } };

/** A token bucket: how many mails this process may send now. */
function take(now: number, perMinute: number, max: number): number {
  const b = (budget.__continuataNoticeBudget ??= { at: now, allowance: Math.min(perMinute / 60, max) });
  b.allowance = Math.min(perMinute / 60, b.allowance + ((now - b.at) / 60_000) * perMinute);
  b.at = now;
  const n = Math.min(max, Math.floor(b.allowance));
  b.allowance -= n;
  return n;
}

interface ClaimedMail {
  id: string;
  email: string;
  attempts: number;
  noticeId: string;
}

/**
 * Sends due version-notice mails within the rate budget (the webhook worker calls this
 * each round). Claimed like deliveries (SKIP LOCKED + lease); a mail that fails is
 * retried a few times a minute apart, then counted as failed.
 */
export async function sendNoticeMails(opts: { now?: Date; perMinute?: number; max?: number } = {}): Promise<number> {
  const now = opts.now ?? new Date();
  const n = take(now.getTime(), opts.perMinute ?? noticeRatePerMinute(), opts.max ?? 50);
  if (n <= 0) return 0;
  const claimed = await db.$queryRaw<ClaimedMail[]>`
    WITH due AS MATERIALIZED (
      SELECT id FROM "VersionNoticeMail"
      WHERE "sentAt" IS NULL AND "failedAt" IS NULL AND "nextAttemptAt" <= ${now} AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now})
      ORDER BY "nextAttemptAt" LIMIT ${n}
      FOR UPDATE SKIP LOCKED)
    UPDATE "VersionNoticeMail" m SET "leaseUntil" = ${new Date(now.getTime() + LEASE_MS)}, attempts = m.attempts + 1
    FROM due WHERE m.id = due.id
    RETURNING m.id, m.email, m.attempts, m."noticeId"`;
  // Unused budget goes back: an idle round must not spend the allowance.
  if (budget.__continuataNoticeBudget) budget.__continuataNoticeBudget.allowance += n - claimed.length;
  if (!claimed.length) return 0;
  const notices = await db.versionNotice.findMany({
    where: { id: { in: [...new Set(claimed.map((c) => c.noticeId))] } },
    include: { organization: { select: { name: true } } },
  });
  const products = await db.product.findMany({ where: { id: { in: notices.map((x) => x.productId) } }, select: { id: true, name: true } });
  const versions = await db.productVersion.findMany({
    where: { id: { in: notices.map((x) => x.versionId) } },
    select: { id: true, version: true },
  });
  for (const mail of claimed) {
    const notice = notices.find((x) => x.id === mail.noticeId)!;
    try {
      await sendMail(
        versionNoticeMail({
          to: mail.email,
          productName: products.find((p) => p.id === notice.productId)?.name ?? "your product",
          version: versions.find((v) => v.id === notice.versionId)?.version ?? "",
          sellerName: notice.organization.name,
          portalUrl: `${appUrl()}/my`,
        }),
      );
      await db.versionNoticeMail.update({ where: { id: mail.id }, data: { sentAt: new Date(), leaseUntil: null } });
    } catch (err) {
      console.error(`[notices] mail for notice ${mail.noticeId} failed: ${err instanceof Error ? err.name : "error"}`);
      const giveUp = mail.attempts >= MAX_MAIL_ATTEMPTS;
      await db.versionNoticeMail.update({
        where: { id: mail.id },
        data: giveUp
          ? { failedAt: new Date(), leaseUntil: null }
          : { nextAttemptAt: new Date(now.getTime() + 60_000 * mail.attempts), leaseUntil: null },
      });
    }
  }
  return claimed.length;
}
