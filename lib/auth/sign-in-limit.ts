import { appUrl } from "@/lib/config/app";
import { clientIp } from "@/lib/http/client-ip";
import { limitSignInRequest, RateLimitedError } from "@/lib/ratelimit/policies";
import { normalizeEmail } from "@/lib/validation/email";

/**
 * Sign-in links are mail sent to anyone's address: limited per address and per
 * IP. Returns the refusal, or null to let next-auth handle the request.
 */
export async function refuseSignInIfLimited(req: Request): Promise<Response | null> {
  if (req.method !== "POST" || !new URL(req.url).pathname.endsWith("/signin/email")) return null;
  const form = await req
    .clone()
    .formData()
    .catch(() => null);
  const email = normalizeEmail(form?.get("email"));
  if (!email) return null;
  try {
    await limitSignInRequest(email, clientIp(req.headers));
    return null;
  } catch (err) {
    if (!(err instanceof RateLimitedError)) throw err;
    const url = `${appUrl()}/signin?error=RateLimited`;
    // next-auth's client posts with json=true and reads `url`; a plain form post follows a redirect.
    if (form?.get("json") === "true") return Response.json({ url }, { status: 429, headers: { "Retry-After": err.retryAfter } });
    return new Response(null, { status: 303, headers: { Location: url, "Retry-After": err.retryAfter } });
  }
}
