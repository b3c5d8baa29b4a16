import { AppError } from "@/lib/errors";
import { appUrl } from "@/lib/config/app";

/** Methods that change nothing; every other method is a write. */
export const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * Whether a request provably comes from one of our own pages: its `Origin` is the app's public
 * origin (or the origin it was addressed to), or, without an `Origin`, the browser says
 * `Sec-Fetch-Site: same-origin`. Browsers send one or the other on every write, so a write with
 * neither did not come from our pages; a cookie must not be enough to make it count.
 */
export function isSameOrigin(req: Request, publicUrl = appUrl()): boolean {
  const origin = req.headers.get("origin");
  if (origin) return origin === new URL(publicUrl).origin || origin === new URL(req.url).origin;
  return req.headers.get("sec-fetch-site") === "same-origin";
}

/** For cookie-authenticated route handlers that write (server actions get the same check from proxy.ts and Next.js). */
export function assertSameOrigin(req: Request): void {
  if (!isSameOrigin(req)) throw new AppError("FORBIDDEN", "This request must come from the dashboard itself (same-origin Origin header).");
}
