import pkg from "@/package.json";

export const API_VERSION = "2026-11-01";
export const DEFAULT_RATE_LIMIT_PER_MINUTE = 60;

export function apiMeta() {
  return {
    name: "Continuata",
    version: pkg.version,
    apiVersion: API_VERSION,
    rateLimit: { limit: DEFAULT_RATE_LIMIT_PER_MINUTE, windowSeconds: 60, scope: "per API key; configurable per organisation and key" },
    authentication: "Authorization: Bearer ct_…",
    openapi: "/api/openapi.json",
  };
}
