/**
 * The caller's IP. Behind a proxy (TRUST_PROXY=1, the default) the first
 * X-Forwarded-For entry; otherwise the header is ignored because anyone can set it.
 */
export function clientIp(headers: Headers): string | null {
  if (process.env.TRUST_PROXY !== "0") {
    const forwarded = headers.get("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded.slice(0, 64);
    const real = headers.get("x-real-ip")?.trim();
    if (real) return real.slice(0, 64);
  }
  return null;
}
