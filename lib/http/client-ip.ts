import { isIP } from "node:net";
import { PEER_HEADER, peerNonce } from "./peer-stamp";

/**
 * How many proxies in front of the app are trusted to append to X-Forwarded-For.
 * Unset or 0: none, the peer itself is the client. Anything but a small whole
 * number is treated as 0: trusting a header by mistake is worse than not trusting it.
 */
export function trustedProxies(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.TRUST_PROXY?.trim();
  if (!raw || !/^\d{1,2}$/.test(raw)) {
    if (raw && !warned) {
      warned = true;
      console.warn(`[client-ip] TRUST_PROXY="${raw.slice(0, 20)}" is not a number of proxies; treating it as 0 (the peer is the client).`);
    }
    return 0;
  }
  return Number(raw);
}
let warned = false;

/** An address as stored: IPv4 without port, IPv6 lower-case without brackets, IPv4-mapped IPv6 as IPv4. */
export function normalizeIp(value: string | undefined | null): string | null {
  let s = value?.trim();
  if (!s) return null;
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracketed) s = bracketed[1];
  else if (/^[\d.]+:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(":"));
  s = s.toLowerCase();
  const mapped = /^::ffff:(\d{1,3}(?:\.\d{1,3}){3})$/.exec(s);
  if (mapped) s = mapped[1];
  return isIP(s) ? s : null;
}

/**
 * The caller's address. The chain is X-Forwarded-For with the peer that
 * connected to this process as its last entry (appended by the peer stamp;
 * Next fills it in when nothing was sent). With TRUST_PROXY=n the last n+1
 * entries were written by us and our n proxies, so the client is the entry n
 * places left of the peer; everything further left is the client's own claim.
 *
 *   TRUST_PROXY unset, "6.6.6.6, 10.0.0.9"           → 10.0.0.9 (the peer)
 *   TRUST_PROXY=1,     "6.6.6.6, 203.0.113.7, 10.0.0.9" → 203.0.113.7 (what the proxy saw)
 *
 * Returns null when no address can be trusted (a request accepted before the
 * stamp was installed at start-up, or no address at all).
 */
export function clientIp(headers: Headers, env: NodeJS.ProcessEnv = process.env): string | null {
  const chain = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (!chain.length) return null;
  const peer = chain[chain.length - 1];
  const nonce = peerNonce();
  // Stamping is on in this process: only a stamped request's last entry is the peer.
  if (nonce && headers.get(PEER_HEADER) !== `${nonce} ${peer}`) return null;
  const n = trustedProxies(env);
  const picked = chain[Math.max(0, chain.length - 1 - n)];
  // A trusted position holding something that is not an address: fall back to the peer itself.
  return normalizeIp(picked) ?? normalizeIp(peer);
}
