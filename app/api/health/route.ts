import { apiRoute, json } from "@/lib/api/route";
import { problem } from "@/lib/api/errors";
import { checkDatabase } from "@/lib/health/database";

export const dynamic = "force-dynamic";

export const GET = apiRoute({ auth: false }, async (ctx) => {
  const database = await checkDatabase();
  if (database.status !== "ok") {
    const res = problem("UNAVAILABLE", "The database is not answering.", ctx);
    return res;
  }
  return json({ status: "ok", checks: { database } });
});
