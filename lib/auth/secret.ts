import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { dataDir } from "@/lib/db/config";

let cached: string | undefined;

/**
 * AUTH_SECRET (or NEXTAUTH_SECRET) signs sessions and tokens. In development
 * it is generated once and kept under ./data so sessions survive restarts;
 * production must set it explicitly.
 */
export function authSecret(): string {
  if (cached) return cached;
  const fromEnv = process.env.AUTH_SECRET || process.env.NEXTAUTH_SECRET;
  if (fromEnv) return (cached = fromEnv);
  if (process.env.NODE_ENV === "production") {
    throw new Error("AUTH_SECRET is required in production. Generate one with: openssl rand -base64 32");
  }
  const file = path.join(dataDir(), "auth-secret");
  try {
    return (cached = readFileSync(file, "utf8").trim());
  } catch {
    mkdirSync(dataDir(), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    return (cached = readFileSync(file, "utf8").trim());
  }
}
