import { AppError } from "@/lib/errors";
import { currentUser } from "@/lib/auth/session";
import { clientIp } from "@/lib/http/client-ip";
import { HTML_HEADERS, type LiveToken } from "@/lib/downloads/lookup";
import { messagePage } from "@/lib/downloads/page";
import { RateLimitedError } from "@/lib/ratelimit/policies";
import { libraryToken } from "./library";

const STATUS: Partial<Record<AppError["code"], [number, string]>> = {
  NOT_FOUND: [404, "Purchase not found"],
  CONFLICT: [409, "Not available right now"],
  RATE_LIMITED: [429, "Too many downloads started"],
};

/**
 * A download from the buyer's library (/my): the signed-in buyer's purchase → its library token →
 * `serve`. Signed out: back through sign-in to /my. Refusals are short pages, as on /download.
 */
export async function libraryDownload(
  req: Request,
  purchaseId: string,
  serve: (live: LiveToken, ip: string | null) => Promise<Response>,
): Promise<Response> {
  const user = await currentUser();
  if (!user) return Response.redirect(new URL("/signin?callbackUrl=%2Fmy", req.url), 303);
  try {
    return await serve(await libraryToken(user.email, purchaseId), clientIp(req.headers));
  } catch (err) {
    const known = err instanceof AppError && STATUS[err.code];
    if (!known) throw err;
    const headers: Record<string, string> = { ...HTML_HEADERS };
    if (err instanceof RateLimitedError) headers["Retry-After"] = err.retryAfter;
    return new Response(messagePage(known[1], (err as AppError).message), { status: known[0], headers });
  }
}
