import type { NextConfig } from "next";

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
};

export default nextConfig;
