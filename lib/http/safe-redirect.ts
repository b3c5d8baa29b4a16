/** Only same-origin paths: a callbackUrl must never send a user to another site. */
export function safeCallbackUrl(value: string | undefined | null, fallback: string): string {
  if (!value) return fallback;
  try {
    const base = "http://internal.invalid";
    const url = new URL(value, base);
    if (url.origin !== base && !value.startsWith(process.env.NEXTAUTH_URL ?? "\u0000")) return fallback;
    return `${url.pathname}${url.search}${url.hash}`;
  } catch {
    return fallback;
  }
}
