import { randomBytes } from "node:crypto";

/**
 * Ids for rows written with raw SQL, where Prisma's @default(cuid()) does not
 * run: time-ordered (ms timestamp, base36) then random, 25 characters like a cuid.
 */
export function newId(now = Date.now()): string {
  return `c${now.toString(36).padStart(9, "0")}${random(8).toString("hex").slice(0, 15)}`;
}

// One call into the CSPRNG per 512 ids, not one per id: a request-log batch makes 1000.
let pool = Buffer.alloc(0);
let offset = 0;
function random(bytes: number): Buffer {
  if (offset + bytes > pool.length) {
    pool = randomBytes(4096);
    offset = 0;
  }
  return pool.subarray(offset, (offset += bytes));
}
