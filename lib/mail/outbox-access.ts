import { constantTimeEqual, sha256Hex } from "@/lib/crypto/tokens";
import { clientIp, normalizeIp } from "@/lib/http/client-ip";

const isLoopback = (ip: string | null) => !!ip && (ip === "::1" || /^127\.\d+\.\d+\.\d+$/.test(ip));

/**
 * Who may read /dev/outbox. It lists every sign-in and invite link, so whoever
 * reads it can sign in as anyone. In development: anyone (the developer's own
 * machine). Otherwise only:
 * - a client on this machine: the client address is loopback and so is every
 *   X-Forwarded-For entry (a reverse proxy on the same host forwarding someone
 *   else's request does not count as local), or
 * - whoever presents OUTBOX_TOKEN (`Authorization: Bearer …` or `?token=…`).
 */
export function outboxReadable(headers: Headers, query: { token?: string | string[] } = {}, env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NODE_ENV !== "production") return true;
  const expected = env.OUTBOX_TOKEN;
  if (expected) {
    const bearer = /^Bearer\s+(.+)$/i.exec(headers.get("authorization") ?? "")?.[1];
    const offered = bearer ?? (typeof query.token === "string" ? query.token : undefined);
    // Hashing first makes the comparison constant-time whatever the lengths.
    if (offered && constantTimeEqual(sha256Hex(offered), sha256Hex(expected))) return true;
  }
  const chain = (headers.get("x-forwarded-for") ?? "").split(",").map((s) => normalizeIp(s));
  return isLoopback(clientIp(headers, env)) && chain.every(isLoopback);
}
