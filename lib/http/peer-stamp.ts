import { randomBytes } from "node:crypto";
import http, { type IncomingMessage } from "node:http";
import https from "node:https";
import { PEER_HEADER } from "./peer-header";

/**
 * `next start` keeps an incoming X-Forwarded-For as it is and only fills it in
 * with the socket's address when the client sent none, so by itself the header
 * never tells who connected. Installed from instrumentation.ts, this appends the
 * peer address to X-Forwarded-For on every request (as a proxy does) and adds
 * PEER_HEADER = "<nonce> <peer>". The nonce is random per process: a client
 * cannot forge it, so clientIp() can tell a stamped request from one that was
 * accepted before the stamp was installed (during start-up).
 */
export { PEER_HEADER };
const NONCE = Symbol.for("continuata.peer-nonce");
const INSTALLED = Symbol.for("continuata.peer-stamp");

type Global = typeof globalThis & { [NONCE]?: string };

/** The nonce of this process once stamping is installed, else undefined (tests, scripts). */
export const peerNonce = (): string | undefined => (globalThis as Global)[NONCE];

function stamp(req: IncomingMessage, nonce: string) {
  // Without a socket address the entry is a word, never an IP: clientIp() then falls back safely.
  const peer = req.socket?.remoteAddress ?? "unknown";
  const prior = req.headers["x-forwarded-for"];
  const chain = Array.isArray(prior) ? prior.join(", ") : prior;
  req.headers["x-forwarded-for"] = chain ? `${chain}, ${peer}` : peer;
  req.headers[PEER_HEADER] = `${nonce} ${peer}`;
}

export function installPeerStamp(): void {
  const g = globalThis as Global;
  g[NONCE] ??= randomBytes(18).toString("base64url");
  for (const Server of [http.Server, https.Server]) {
    const proto = Server.prototype as unknown as Record<symbol | string, unknown> & { emit: (...args: unknown[]) => boolean };
    if (proto[INSTALLED]) continue;
    const emit = proto.emit;
    proto.emit = function (this: unknown, event: unknown, ...args: unknown[]) {
      const nonce = peerNonce();
      if (event === "request" && nonce) stamp(args[0] as IncomingMessage, nonce);
      return emit.call(this, event, ...args);
    };
    proto[INSTALLED] = true;
  }
}
