import { db } from "@/lib/db/client";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "@/lib/db/unavailable";
import { noteDatabaseDown } from "@/lib/db/outage";
import { newRequestId } from "@/lib/api/errors";
import { clientIp } from "@/lib/http/client-ip";
import { expandScopes, SCOPES, type Scope } from "@/lib/keys/scopes";
import { usableScopes } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import { countFailedClientAuth, oauthBlockedUntil } from "@/lib/ratelimit/policies";
import { retryAfterSeconds } from "@/lib/ratelimit/headers";
import { captureText } from "@/lib/request-log/capture";
import { recordRequest, type LogSubject } from "@/lib/request-log/record";
import { ACCESS_TOKEN_TTL_SECONDS, issueAccessToken } from "./access-token";
import { authenticateClient } from "./clients";

const MAX_BODY = 16 * 1024;

type OAuthErrorCode =
  "invalid_request" | "invalid_client" | "invalid_grant" | "unauthorized_client" | "unsupported_grant_type" | "invalid_scope";

class TokenError extends Error {
  constructor(
    readonly status: number,
    readonly code: OAuthErrorCode,
    readonly description: string,
    readonly extraHeaders: Record<string, string> = {},
  ) {
    super(description);
  }
}

const NO_STORE = { "Cache-Control": "no-store", Pragma: "no-cache", "Content-Type": "application/json" };

interface ClientCredentials {
  clientId: string;
  clientSecret: string;
  basic: boolean;
}

/** RFC 6749 §2.3.1: Basic credentials are form-urlencoded before base64. */
const formDecode = (s: string) => decodeURIComponent(s.replace(/\+/g, " "));

function readCredentials(req: Request, form: URLSearchParams): ClientCredentials | null {
  const header = req.headers.get("authorization");
  const bodyId = form.get("client_id");
  const bodySecret = form.get("client_secret");
  if (header) {
    const [scheme, value] = header.split(" ", 2);
    if (scheme.toLowerCase() !== "basic" || !value)
      throw new TokenError(
        401,
        "invalid_client",
        "Client authentication failed: use HTTP Basic or client_id and client_secret in the body.",
        basicChallenge,
      );
    if (bodySecret !== null)
      throw new TokenError(
        400,
        "invalid_request",
        "Authenticate the client one way: HTTP Basic or client_id/client_secret in the body, not both.",
      );
    let decoded: string;
    try {
      decoded = Buffer.from(value, "base64").toString("utf8");
    } catch {
      decoded = "";
    }
    const colon = decoded.indexOf(":");
    if (colon < 1) throw new TokenError(401, "invalid_client", "Malformed HTTP Basic credentials.", basicChallenge);
    try {
      const clientId = formDecode(decoded.slice(0, colon));
      if (bodyId !== null && bodyId !== clientId)
        throw new TokenError(400, "invalid_request", "client_id in the body does not match the HTTP Basic credentials.");
      return { clientId, clientSecret: formDecode(decoded.slice(colon + 1)), basic: true };
    } catch (err) {
      if (err instanceof TokenError) throw err;
      throw new TokenError(401, "invalid_client", "Malformed HTTP Basic credentials.", basicChallenge);
    }
  }
  if (bodyId === null && bodySecret === null) return null;
  if (!bodyId || !bodySecret) throw new TokenError(401, "invalid_client", "Send both client_id and client_secret.");
  return { clientId: bodyId, clientSecret: bodySecret, basic: false };
}

const basicChallenge = { "WWW-Authenticate": 'Basic realm="continuata", charset="UTF-8"' };

async function readForm(req: Request): Promise<URLSearchParams> {
  const type = req.headers.get("content-type")?.split(";")[0].trim().toLowerCase();
  if (type !== "application/x-www-form-urlencoded")
    throw new TokenError(400, "invalid_request", "Send the request as application/x-www-form-urlencoded.");
  if (Number(req.headers.get("content-length") ?? 0) > MAX_BODY)
    throw new TokenError(400, "invalid_request", "The request body is too large.");
  const text = await req.text();
  if (text.length > MAX_BODY) throw new TokenError(400, "invalid_request", "The request body is too large.");
  const form = new URLSearchParams(text);
  const seen = new Set<string>();
  for (const key of form.keys()) {
    if (seen.has(key)) throw new TokenError(400, "invalid_request", `Parameter "${key}" appears more than once.`);
    seen.add(key);
  }
  return form;
}

interface Outcome {
  body: Record<string, unknown>;
  status: number;
  headers: Record<string, string>;
  subject: LogSubject | null;
}

async function exchange(req: Request, ip: string | null): Promise<Outcome> {
  let subject: LogSubject | null = null;
  let credentials: ClientCredentials | null = null;
  try {
    const form = await readForm(req);
    const grantType = form.get("grant_type");
    if (!grantType) throw new TokenError(400, "invalid_request", "grant_type is required.");
    credentials = readCredentials(req, form);
    if (grantType !== "client_credentials")
      throw new TokenError(
        400,
        "unsupported_grant_type",
        `grant_type "${grantType.slice(0, 40)}" is not supported; use client_credentials.`,
      );
    if (!credentials)
      throw new TokenError(
        401,
        "invalid_client",
        "Client authentication is required: HTTP Basic or client_id and client_secret in the body.",
      );
    const challenge = credentials.basic ? basicChallenge : {};

    const blocked = oauthBlockedUntil(credentials.clientId, ip);
    if (blocked)
      throw new TokenError(429, "invalid_client", "Too many failed authentication attempts. Wait and try again.", {
        "Retry-After": String(Math.max(1, Math.ceil((blocked - Date.now()) / 1000))),
      });

    const auth = await authenticateClient(credentials.clientId, credentials.clientSecret);
    if (!auth.ok) {
      if (auth.orgId) subject = { orgId: auth.orgId, keyId: auth.id };
      const refused = await countFailedClientAuth(credentials.clientId, ip);
      if (refused)
        throw new TokenError(429, "invalid_client", "Too many failed authentication attempts. Wait and try again.", {
          "Retry-After": retryAfterSeconds(refused),
        });
      throw new TokenError(
        401,
        "invalid_client",
        auth.reason === "DISABLED" ? "This client is disabled." : "Client authentication failed.",
        challenge,
      );
    }
    const { client } = auth;
    const [state] = await db.$queryRaw<
      { role: string | null; orgActive: boolean; userId: string }[]
    >`SELECT role, "orgActive", "userId" FROM verify_oauth_client(${client.id})`;
    subject = { orgId: client.orgId, keyId: client.id, keyName: client.name, userId: state?.userId };
    if (!state?.role)
      throw new TokenError(400, "unauthorized_client", "The user this client acts as is no longer a member of its organisation.");
    if (!state.orgActive) throw new TokenError(400, "unauthorized_client", "This client's organisation is inactive.");

    const requested = form.get("scope");
    // Never more than the acting user's role can use now (a demoted admin's client loses `admin`).
    const usable = usableScopes(client.scopes, state.role as Role);
    let scopes: Scope[] = usable;
    if (requested !== null) {
      const asked = requested.split(" ").filter(Boolean);
      const unknown = asked.filter((s) => !(SCOPES as readonly string[]).includes(s));
      if (!asked.length || unknown.length)
        throw new TokenError(400, "invalid_scope", `Unknown scope: ${unknown.join(" ") || "(empty)"}. Scopes are read, write and admin.`);
      scopes = expandScopes(asked as Scope[]);
      const beyond = scopes.filter((s) => !usable.includes(s));
      if (beyond.length)
        throw new TokenError(400, "invalid_scope", `This client may not request: ${beyond.join(" ")}. It has: ${usable.join(" ")}.`);
    }
    const accessToken = await issueAccessToken(client, scopes);
    return {
      status: 200,
      headers: {},
      subject,
      body: { access_token: accessToken, token_type: "bearer", expires_in: ACCESS_TOKEN_TTL_SECONDS, scope: scopes.join(" ") },
    };
  } catch (err) {
    if (!(err instanceof TokenError)) throw err;
    return { status: err.status, headers: err.extraHeaders, subject, body: { error: err.code, error_description: err.description } };
  }
}

/** POST /oauth/token: RFC 6749 §4.4 (client credentials), errors per §5.2. */
export async function handleTokenRequest(req: Request): Promise<Response> {
  const started = performance.now();
  const receivedAt = new Date();
  const requestId = newRequestId();
  const url = new URL(req.url);
  const ip = clientIp(req.headers);
  const logCopy = req.clone();
  let outcome: Outcome;
  try {
    outcome = await exchange(req, ip);
  } catch (err) {
    if (isDatabaseUnavailable(err)) {
      noteDatabaseDown("request", err); // one log line per outage, not a stack trace per request
      const body = { error: "temporarily_unavailable", error_description: "The database is not answering. Try again in a few seconds." };
      outcome = { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS) }, subject: null, body };
    } else {
      console.error(`[oauth] ${requestId}:`, err);
      outcome = {
        status: 500,
        headers: {},
        subject: null,
        body: { error: "server_error", error_description: "Something went wrong on our side." },
      };
    }
  }
  const text = JSON.stringify(outcome.body);
  const res = new Response(text, { status: outcome.status, headers: { ...NO_STORE, ...outcome.headers, "X-Request-Id": requestId } });
  if (outcome.subject) {
    const type = req.headers.get("content-type");
    recordRequest({
      subject: outcome.subject,
      receivedAt,
      requestId,
      req,
      url,
      ip,
      status: outcome.status,
      durationMs: performance.now() - started,
      requestBody: logCopy.text().then((t) => captureText(t.slice(0, MAX_BODY), type)),
      responseBody: captureText(text, "application/json"),
    });
  }
  return res;
}
