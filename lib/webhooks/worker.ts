import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { ATTEMPT_TIMEOUT_MS, postOnce, type AttemptResult } from "./http-attempt";
import { MAX_ATTEMPTS, nextAttemptAt } from "./retry-schedule";
import { openSecret } from "./secret-box";
import { signatureHeaders } from "./sign";
import { sendNoticeMails } from "@/lib/notices/send";

export interface WorkerOptions {
  /** Deliveries claimed per round (each round sends them in parallel). */
  batch?: number;
  /** Idle wait between rounds that found nothing to do. */
  pollMs?: number;
  timeoutMs?: number;
  /** How long a claim holds a row; a worker that dies mid-attempt releases it by letting this pass. */
  leaseMs?: number;
  now?: () => Date;
  env?: NodeJS.ProcessEnv;
  /** Only these endpoints' deliveries (tests and the bench share a database with other runs). */
  endpointIds?: string[];
}

interface Claimed {
  id: string;
  eventId: string;
  endpointId: string;
  attempts: number;
}

const settings = (o: WorkerOptions) => {
  const timeoutMs = o.timeoutMs ?? ATTEMPT_TIMEOUT_MS;
  return {
    batch: o.batch ?? 16,
    pollMs: o.pollMs ?? 1_000,
    timeoutMs,
    leaseMs: o.leaseMs ?? timeoutMs + 20_000,
    now: o.now ?? (() => new Date()),
    env: o.env ?? process.env,
    only: o.endpointIds ? Prisma.sql`AND "endpointId" IN (${Prisma.join(o.endpointIds.length ? o.endpointIds : [""])})` : Prisma.empty,
  };
};

/**
 * Claims due deliveries. SKIP LOCKED lets several app instances claim side by side
 * without waiting on or taking each other's rows; the lease (not a held transaction)
 * keeps the row theirs while the HTTP attempt runs, so no connection or lock is held
 * across the network call (the embedded database has one connection).
 */
async function claim(now: Date, batch: number, leaseMs: number, only: Prisma.Sql): Promise<Claimed[]> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  // A materialised CTE runs the locking SELECT exactly once; `IN (SELECT … LIMIT)` may be re-run by the planner and claim more.
  return db.$queryRaw<Claimed[]>`
    WITH due AS MATERIALIZED (
      SELECT id FROM "WebhookDelivery"
      WHERE status = 'pending' AND "nextAttemptAt" <= ${now} AND ("leaseUntil" IS NULL OR "leaseUntil" < ${now}) ${only}
      ORDER BY "nextAttemptAt" LIMIT ${batch}
      FOR UPDATE SKIP LOCKED)
    UPDATE "WebhookDelivery" d
    SET "leaseUntil" = ${leaseUntil}, "attempts" = d."attempts" + 1, "lastAttemptAt" = ${now}
    FROM due WHERE d.id = due.id
    RETURNING d.id, d."eventId", d."endpointId", d."attempts"`;
}

type Job = () => Promise<void>;

/** Claims up to `n` due deliveries and returns one job per delivery: one signed attempt and its recorded outcome. */
async function claimJobs(s: ReturnType<typeof settings>, n: number): Promise<Job[]> {
  const claimed = await claim(s.now(), n, s.leaseMs, s.only);
  if (!claimed.length) return [];
  const [events, endpoints] = await Promise.all([
    db.webhookEvent.findMany({ where: { id: { in: [...new Set(claimed.map((c) => c.eventId))] } } }),
    db.webhookEndpoint.findMany({ where: { id: { in: [...new Set(claimed.map((c) => c.endpointId))] } } }),
  ]);
  const eventById = new Map(events.map((e) => [e.id, e]));
  const endpointById = new Map(endpoints.map((e) => [e.id, e]));
  return claimed.map((c) => async () => {
    const event = eventById.get(c.eventId);
    const endpoint = endpointById.get(c.endpointId);
    if (!event || !endpoint) return; // deleted meanwhile: the cascade removed the delivery too
    const at = s.now();
    let result: AttemptResult;
    if (endpoint.disabledAt) {
      result = { ok: false, status: null, ms: 0, excerpt: null, error: "The endpoint is disabled." };
    } else {
      const body = JSON.stringify(event.payload);
      const secrets = [openSecret(endpoint.secretSealed, endpoint.id)];
      if (endpoint.previousSecretSealed && endpoint.previousSecretExpiresAt && endpoint.previousSecretExpiresAt > at)
        secrets.push(openSecret(endpoint.previousSecretSealed, endpoint.id));
      result = await postOnce(endpoint.url, body, signatureHeaders(event.id, body, secrets, at), s.timeoutMs, s.env);
    }
    await recordOutcome(c, event.type, result, s.now(), endpoint.disabledAt !== null);
  });
}

/** One round: claims what is due, attempts each delivery once, records the outcome. Returns how many it attempted. */
export async function deliverDue(options: WorkerOptions = {}): Promise<number> {
  const s = settings(options);
  const jobs = await claimJobs(s, s.batch);
  await Promise.all(jobs.map((job) => job()));
  return jobs.length;
}

async function recordOutcome(c: Claimed, type: string, r: AttemptResult, now: Date, giveUp: boolean) {
  const response = { responseStatus: r.status, responseMs: r.ms, responseExcerpt: r.excerpt, lastError: r.error, leaseUntil: null };
  if (r.ok) {
    await db.$transaction([
      db.webhookDelivery.update({ where: { id: c.id }, data: { ...response, status: "succeeded", deliveredAt: now } }),
      db.webhookEndpoint.updateMany({
        where: { id: c.endpointId, failingSince: { not: null } },
        data: { failingSince: null, failingReason: null },
      }),
    ]);
    return;
  }
  const next = giveUp ? null : nextAttemptAt(c.attempts, now);
  if (next) {
    await db.webhookDelivery.update({ where: { id: c.id }, data: { ...response, nextAttemptAt: next } });
    return;
  }
  const reason = `${type} (${c.eventId}) failed ${c.attempts} time${c.attempts === 1 ? "" : "s"}; last: ${r.error ?? "no answer"}`;
  await db.$transaction([
    db.webhookDelivery.update({ where: { id: c.id }, data: { ...response, status: "failed" } }),
    ...(giveUp ? [] : [db.webhookEndpoint.update({ where: { id: c.endpointId }, data: { failingSince: now, failingReason: reason } })]),
  ]);
}

export { MAX_ATTEMPTS };

type WorkerState = { stop: () => Promise<void> };
const shared = globalThis as unknown as { __continuataWebhookWorker?: WorkerState };

/**
 * Runs in every server process (instrumentation.ts). Up to `batch` attempts are in flight;
 * each one that ends frees its slot for the next due delivery at once, so an endpoint that
 * takes its whole 10 s timeout holds one slot, not a round of everyone else's deliveries.
 * Idle, it looks for work once per pollMs. On SIGTERM it stops claiming and lets the attempts
 * in flight finish; anything it did not finish is retried by whichever instance runs next.
 */
export function startWebhookWorker(options: WorkerOptions = {}): WorkerState {
  if (shared.__continuataWebhookWorker) return shared.__continuataWebhookWorker;
  const s = settings(options);
  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  let pumping: Promise<void> | null = null;
  let lastMails = 0;
  const inFlight = new Set<Promise<void>>();
  const schedule = (ms: number) => {
    if (stopped) return;
    clearTimeout(timer);
    timer = setTimeout(() => void pump(), ms);
  };
  const fill = async () => {
    let full = false;
    try {
      const free = s.batch - inFlight.size;
      if (free > 0) {
        const jobs = await claimJobs(s, free);
        full = jobs.length === free;
        for (const job of jobs) {
          const running: Promise<void> = job()
            .catch((err) => console.error("[webhooks] delivery attempt failed:", (err as Error).message))
            .finally(() => {
              inFlight.delete(running);
              schedule(0);
            });
          inFlight.add(running);
        }
      }
      if (Date.now() - lastMails >= s.pollMs) {
        lastMails = Date.now();
        await sendNoticeMails({ now: s.now() });
      }
    } catch (err) {
      console.error("[webhooks] worker round failed:", (err as Error).message);
    }
    // A full claim may have left more due: look again at once. Otherwise a finishing attempt or the poll wakes us.
    schedule(full ? 0 : s.pollMs);
  };
  const pump = () => {
    if (stopped || pumping) return pumping ?? Promise.resolve();
    return (pumping = fill().finally(() => (pumping = null)));
  };
  schedule(s.pollMs);
  const state: WorkerState = {
    stop: async () => {
      stopped = true;
      clearTimeout(timer);
      await pumping;
      await Promise.all(inFlight);
      shared.__continuataWebhookWorker = undefined;
    },
  };
  process.once("SIGTERM", () => void state.stop());
  return (shared.__continuataWebhookWorker = state);
}
