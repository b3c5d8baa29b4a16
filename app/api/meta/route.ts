import { apiRoute, json } from "@/lib/api/route";
import { apiMeta } from "@/lib/api/meta";

export const GET = apiRoute({ auth: false }, async () => json(apiMeta()));

export * from "@/lib/api/other-methods";
