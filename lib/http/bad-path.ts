import { randomUUID } from "node:crypto";

/**
 * Why a request path cannot be routed, or null when it can: a percent escape that does not decode
 * to UTF-8 (`%E0%A4%A`, `%zz`), which Next.js answers with a plain-text 500, or a control character
 * (`%00`, `%0A`), which no product id, version or file name may hold and PostgreSQL refuses (NUL).
 */
export function badPathReason(pathname: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(pathname);
  } catch {
    return "The request path holds a malformed percent-encoding.";
  }
  if (/[\x00-\x1f\x7f]/.test(decoded)) return "The request path holds a control character.";
  return null;
}

/** 400 in the API's problem+json shape (lib/api/errors.ts `problem`; a test keeps the two alike). */
export function badPathProblem(pathname: string, detail: string, headers: Record<string, string>): Response {
  const requestId = randomUUID();
  const body = {
    type: "urn:continuata:error:bad-request",
    title: "Bad Request",
    status: 400,
    detail,
    code: "BAD_REQUEST",
    instance: pathname,
    request_id: requestId,
    error: detail,
  };
  return new Response(JSON.stringify(body), {
    status: 400,
    headers: { ...headers, "Content-Type": "application/problem+json", "X-Request-Id": requestId, "Cache-Control": "no-store" },
  });
}

/** A plain 400 page for browsers (no scripts, no styles: it must render under `default-src 'none'`). */
export function badPathPage(detail: string, headers: Record<string, string>): Response {
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bad request · Continuata</title></head><body><h1>Bad request</h1><p>${detail} Check the address and try again, or go to <a href="/">the start page</a>.</p></body></html>`;
  return new Response(html, {
    status: 400,
    headers: { ...headers, "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
