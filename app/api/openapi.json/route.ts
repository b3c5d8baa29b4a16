import { apiRoute, json } from "@/lib/api/route";
import { openApiDocument } from "@/lib/api/openapi";

export const GET = apiRoute({ auth: false }, async () => json(openApiDocument(), { headers: { "Cache-Control": "public, max-age=300" } }));

export * from "@/lib/api/other-methods";
