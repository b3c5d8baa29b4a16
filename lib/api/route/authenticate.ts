import type { AppError } from "@/lib/errors";
import { verifyBearer } from "@/lib/auth/bearer";
import type { VerifiedCredential } from "@/lib/auth/credential";
import { FAILED_AUTH_PER_MINUTE, ipBlockedUntil, RateLimitedError } from "@/lib/ratelimit/policies";
import type { RateLimitResult } from "@/lib/ratelimit/types";
import type { LogSubject } from "@/lib/request-log/record";

// The steps of bearer authentication that do not wait on anything; apiRoute awaits the
// lookups itself, so that splitting the steps out adds no promise to a request.

const TOO_MANY_FAILURES = "Too many failed authentication attempts from your address. Wait and try again.";

/** An address that failed authentication too often is refused before its credential is looked up. */
export function refuseBlockedAddress(ip: string | null): void {
  const blockedUntil = ipBlockedUntil(ip);
  if (blockedUntil)
    throw new RateLimitedError(TOO_MANY_FAILURES, { success: false, limit: FAILED_AUTH_PER_MINUTE, remaining: 0, reset: blockedUntil });
}

/** What a failed verification answers: 429 once the address has failed too often (`failures`), else its own error. */
export const failedAuthError = (failures: RateLimitResult | null, error: AppError): AppError =>
  failures && !failures.success ? new RateLimitedError(TOO_MANY_FAILURES, failures) : error;

export function keyRateLimited(credential: VerifiedCredential, limit: RateLimitResult): RateLimitedError {
  const what = credential.type === "api_key" ? "key" : "client";
  return new RateLimitedError(`Rate limit exceeded: this ${what} may make ${limit.limit} requests per minute.`, limit);
}

type Verified = Awaited<ReturnType<typeof verifyBearer>>;

/** Whose request history a request belongs to: its credential's organisation, also when the credential was refused. */
export function subjectOf(verified: Verified): LogSubject | null {
  if ("error" in verified) return verified.orgId ? { orgId: verified.orgId, keyId: verified.credentialId } : null;
  const { credential } = verified;
  return { orgId: credential.orgId, keyId: credential.id, keyName: credential.name, userId: credential.userId };
}

/** Whose history a request that needs no credential belongs to, if one came with it. */
export async function attribute(header: string | null): Promise<LogSubject | null> {
  return header ? subjectOf(await verifyBearer(header)) : null;
}
