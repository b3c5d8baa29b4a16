import { randomBytes } from "node:crypto";

/**
 * Ids for rows written with raw SQL, where Prisma's @default(cuid()) does not
 * run: time-ordered (ms timestamp, base36) then random, 25 characters like a cuid.
 */
export function newId(now = Date.now()): string {
  return `c${now.toString(36).padStart(9, "0")}${randomBytes(10).toString("hex").slice(0, 15)}`;
}
