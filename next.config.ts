import type { NextConfig } from "next";
import { API_SECURITY_HEADERS } from "./lib/http/security-headers";

const apiHeaders = Object.entries(API_SECURITY_HEADERS).map(([key, value]) => ({ key, value }));

const nextConfig: NextConfig = {
  // Keep the database drivers out of the bundle: PGlite's wasm and data files
  // would otherwise be copied into .next/static, where anyone could fetch them.
  serverExternalPackages: [
    "@electric-sql/pglite",
    "pglite-prisma-adapter",
    "@prisma/adapter-pg",
    "pg",
    "@prisma/schema-engine-wasm",
    "nodemailer",
  ],
  poweredByHeader: false,
  // Static, so the API's hot path pays nothing per request; pages get theirs from proxy.ts.
  // Headers set here win over a route handler's own header of the same name.
  async headers() {
    return [
      { source: "/api/:path*", headers: apiHeaders },
      { source: "/oauth/token", headers: apiHeaders },
      // The dashboard's upload answers JSON, and skips proxy.ts when it carries a file.
      { source: "/orgs/:slug/products/:id/versions/:version/files/:filename", headers: apiHeaders },
    ];
  },
};

export default nextConfig;
