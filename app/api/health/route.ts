import { apiRoute, json } from "@/lib/api/route";
import { problem } from "@/lib/api/errors";
import { checkDatabase } from "@/lib/health/database";
import { rateLimitHealth } from "@/lib/ratelimit/limiter";

export const dynamic = "force-dynamic";

/**
 * 200 "ok" when everything answers; 200 "degraded" when only the rate-limit
 * backend is down (requests are let through, see README); 503 when the
 * database is down.
 */
export const GET = apiRoute({ auth: false }, async (ctx) => {
  const [database, rateLimit] = await Promise.all([checkDatabase(), rateLimitHealth()]);
  if (database.status !== "ok") return problem("UNAVAILABLE", "The database is not answering.", ctx);
  return json({ status: rateLimit.status === "ok" ? "ok" : "degraded", checks: { database, rateLimit } });
});

export * from "@/lib/api/other-methods";
