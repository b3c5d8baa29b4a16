import http from "node:http";
import https from "node:https";
import { checkLiteralHost, guardedLookup, TargetRefused } from "./target-guard";

export const ATTEMPT_TIMEOUT_MS = 10_000;
const EXCERPT_CHARS = 1_000;
const MAX_READ = 64 * 1024;

export interface AttemptResult {
  ok: boolean;
  status: number | null;
  ms: number;
  excerpt: string | null;
  /** Why it failed, in words the seller can act on. */
  error: string | null;
}

/**
 * One POST to an endpoint: the whole attempt (connect, send, answer) within the
 * timeout; redirects are not followed (a 3xx is a failure: the seller fixes the URL);
 * only a 2xx counts as delivered. Never throws.
 */
export function postOnce(
  target: string,
  body: string,
  headers: Record<string, string>,
  timeoutMs = ATTEMPT_TIMEOUT_MS,
  env: NodeJS.ProcessEnv = process.env,
): Promise<AttemptResult> {
  const started = performance.now();
  const done = (r: Omit<AttemptResult, "ms">): AttemptResult => ({ ...r, ms: Math.round(performance.now() - started) });
  return new Promise((resolve) => {
    let url: URL;
    try {
      url = new URL(target);
      checkLiteralHost(url, env);
    } catch (err) {
      return resolve(done({ ok: false, status: null, excerpt: null, error: refusedText(err) }));
    }
    const client = url.protocol === "https:" ? https : http;
    let settled = false;
    const finish = (r: Omit<AttemptResult, "ms">) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(done(r));
    };
    const req = client.request(
      url,
      {
        method: "POST",
        headers: {
          ...headers,
          "content-type": "application/json",
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": "Continuata-Webhooks/1",
        },
        lookup: guardedLookup(env) as never,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          if (size < MAX_READ) chunks.push(c);
          size += c.length;
          if (size >= MAX_READ) res.destroy();
        });
        const settle = () => {
          const status = res.statusCode ?? 0;
          const text = Buffer.concat(chunks).toString("utf8").slice(0, EXCERPT_CHARS);
          const ok = status >= 200 && status < 300;
          const error = ok
            ? null
            : status >= 300 && status < 400
              ? `Answered ${status} (a redirect; redirects are not followed).`
              : `Answered ${status}.`;
          finish({ ok, status, excerpt: text || null, error });
        };
        res.on("end", settle);
        res.on("close", settle);
        res.on("error", settle);
      },
    );
    const timer = setTimeout(() => {
      finish({ ok: false, status: null, excerpt: null, error: `No answer within ${timeoutMs / 1000} s.` });
      req.destroy();
    }, timeoutMs);
    req.on("error", (err) => finish({ ok: false, status: null, excerpt: null, error: refusedText(err) }));
    req.end(body);
  });
}

function refusedText(err: unknown): string {
  if (err instanceof TargetRefused) return `Refused: ${err.message}`;
  const e = err as NodeJS.ErrnoException;
  if (e.code === "ECONNREFUSED") return "Connection refused.";
  if (e.code === "ENOTFOUND") return "The host name does not resolve.";
  if (e.code === "ECONNRESET") return "The connection was reset.";
  if (e.code?.startsWith("ERR_TLS") || e.code?.includes("CERT")) return `TLS error (${e.code}).`;
  if (e instanceof TypeError) return "Not a valid URL.";
  return e.code ? `Network error (${e.code}).` : "Network error.";
}
