import { randomBytes } from "node:crypto";
import { NextResponse, type NextRequest } from "next/server";
import { appUrl } from "@/lib/config/app";
import { DOWNLOAD_PAGE_CSP } from "@/lib/downloads/page";
import { badPathPage, badPathProblem, badPathReason } from "@/lib/http/bad-path";
import { isSameOrigin, SAFE_METHODS } from "@/lib/http/same-origin";
import { API_SECURITY_HEADERS, documentSecurityHeaders, pageSecurityHeaders } from "@/lib/http/security-headers";

/** For responses of our own making: nothing may load, run, or frame them. */
const NOTHING_CSP = "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/**
 * Runs before every page and route handler outside the API, and before API paths that hold a
 * percent escape (see `config`). It refuses paths Next.js cannot route (400 instead of its plain
 * 500), refuses writes that did not come from our own pages, and sets the security headers:
 * a fresh CSP nonce per page, which Next.js reads from the request's CSP header and puts on its
 * scripts. API answers get their (static) headers from next.config.ts.
 */
export function proxy(req: NextRequest) {
  const { pathname } = req.nextUrl;
  const api = pathname.startsWith("/api/");
  const publicUrl = appUrl();

  const bad = badPathReason(pathname);
  if (bad)
    return api
      ? badPathProblem(pathname, bad, { ...API_SECURITY_HEADERS })
      : badPathPage(bad, documentSecurityHeaders(pathname, NOTHING_CSP, publicUrl));
  if (api) return NextResponse.next();

  if (!SAFE_METHODS.has(req.method) && !isSameOrigin(req, publicUrl)) {
    return new Response("Forbidden: this request must come from the dashboard itself.\n", {
      status: 403,
      headers: { ...documentSecurityHeaders(pathname, NOTHING_CSP, publicUrl), "Content-Type": "text/plain; charset=utf-8" },
    });
  }

  if (pathname === "/download" || pathname.startsWith("/download/")) {
    // HTML written by route handlers (lib/downloads/page.ts) and product files: no scripts at all,
    // and a file is sandboxed should a browser render it anyway.
    const csp = pathname === "/download" ? DOWNLOAD_PAGE_CSP : `${DOWNLOAD_PAGE_CSP}; sandbox`;
    return withHeaders(NextResponse.next(), documentSecurityHeaders(pathname, csp, publicUrl));
  }

  if (pathname.startsWith("/my/purchases/")) {
    // The buyer library's files and zips, and the short pages that refuse them: like /download/file.
    return withHeaders(NextResponse.next(), documentSecurityHeaders(pathname, `${DOWNLOAD_PAGE_CSP}; sandbox`, publicUrl));
  }

  const nonce = randomBytes(16).toString("base64");
  const headers = pageSecurityHeaders(pathname, { nonce, appUrl: publicUrl, dev: process.env.NODE_ENV === "development" });
  const requestHeaders = new Headers(req.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", headers["Content-Security-Policy"]);
  return withHeaders(NextResponse.next({ request: { headers: requestHeaders } }), headers);
}

function withHeaders(res: NextResponse, headers: Record<string, string>): NextResponse {
  for (const [name, value] of Object.entries(headers)) res.headers.set(name, value);
  return res;
}

/*
 * Next.js reads the whole body of every write that runs the proxy into memory before the route
 * sees it, and cuts it at 10 MB without an error (`experimental.proxyClientMaxBodySize`): an
 * upload through here was stored truncated. So uploads never run it: the dashboard's upload path
 * and the API run it only for requests without a body or with one under 1 MB (the API's JSON
 * limit). Matchers must be literals (read at build time). The API's hot path stays proxy-free.
 */
export const config = {
  matcher: [
    // Pages and route handlers outside the API, the token endpoint, build assets and the upload path.
    "/((?!api/|api$|oauth/token$|_next/static/|_next/image|favicon\\.ico$|orgs/[^/]+/products/[^/]+/versions/[^/]+/files/).*)",
    {
      source: "/orgs/:slug/products/:id/versions/:version/files/:filename",
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
    {
      source: "/orgs/:slug/products/:id/versions/:version/files/:filename",
      has: [{ type: "header", key: "content-length", value: "\\d{1,6}" }],
    },
    // API paths with a percent escape, to refuse the ones that do not decode.
    {
      source: "/api/:rest(.*%.*)",
      missing: [
        { type: "header", key: "content-length" },
        { type: "header", key: "transfer-encoding" },
      ],
    },
    { source: "/api/:rest(.*%.*)", has: [{ type: "header", key: "content-length", value: "\\d{1,6}" }] },
  ],
};
