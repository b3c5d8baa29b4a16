import { randomUUID } from "node:crypto";
import { errors, jwtVerify, SignJWT } from "jose";
import { appUrl } from "@/lib/config/app";
import { accessTokenKey } from "./signing-key";

export const ACCESS_TOKEN_TTL_SECONDS = 3600;

const issuer = () => appUrl();
const audience = () => `${appUrl()}/api`;

export async function issueAccessToken(client: { id: string; orgId: string }, scopes: string[], now = Date.now()): Promise<string> {
  const iat = Math.floor(now / 1000);
  return new SignJWT({ org: client.orgId, scope: scopes.join(" ") })
    .setProtectedHeader({ alg: "HS256", typ: "at+jwt" })
    .setIssuer(issuer())
    .setAudience(audience())
    .setSubject(client.id)
    .setJti(randomUUID())
    .setIssuedAt(iat)
    .setExpirationTime(iat + ACCESS_TOKEN_TTL_SECONDS)
    .sign(accessTokenKey());
}

export type AccessTokenResult =
  { ok: true; clientId: string; orgId: string; scopes: string[] } | { ok: false; reason: "EXPIRED" | "INVALID" };

/** Signature, algorithm, issuer, audience and expiry (required); the client's state is checked by the caller. */
export async function verifyAccessToken(token: string): Promise<AccessTokenResult> {
  try {
    const { payload } = await jwtVerify(token, accessTokenKey(), {
      issuer: issuer(),
      audience: audience(),
      algorithms: ["HS256"],
      typ: "at+jwt",
      // jose checks exp only when present: a token without one would never expire.
      requiredClaims: ["exp", "iat", "sub"],
    });
    if (typeof payload.sub !== "string" || typeof payload.org !== "string") return { ok: false, reason: "INVALID" };
    const scopes = typeof payload.scope === "string" ? payload.scope.split(" ").filter(Boolean) : [];
    return { ok: true, clientId: payload.sub, orgId: payload.org, scopes };
  } catch (err) {
    return { ok: false, reason: err instanceof errors.JWTExpired ? "EXPIRED" : "INVALID" };
  }
}

/** Three base64url segments: worth a signature check; anything else is not a JWT. */
export const looksLikeJwt = (token: string) => /^[\w-]+\.[\w-]+\.[\w-]+$/.test(token) && token.length < 4096;
