import { appUrl } from "@/lib/config/app";

/**
 * The one gate for a user-supplied redirect target (callbackUrl and friends):
 * returns a path on this app's origin, or `fallback`.
 *
 * The value is resolved the way a browser would (the WHATWG parser drops tabs
 * and newlines, turns `\` into `/`, resolves `.` and `%2e` segments), then must
 * be on the app's own origin. What comes back is pathname + search + hash only,
 * and never starts with `//` or `/\`, which a browser would read as another host
 * (`/.//evil.example` resolves to the path `//evil.example`).
 */
export function safeRedirectPath(value: unknown, fallback: string, origin: string = appUrl()): string {
  if (typeof value !== "string" || value === "" || value.length > 4096) return fallback;
  let base: URL;
  let url: URL;
  try {
    base = new URL(origin);
    url = new URL(value, base);
  } catch {
    return fallback;
  }
  if (url.origin !== base.origin || url.username || url.password) return fallback;
  const path = `${url.pathname}${url.search}${url.hash}`;
  if (!path.startsWith("/") || path.startsWith("//") || path.startsWith("/\\")) return fallback;
  return path;
}
