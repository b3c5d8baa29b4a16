import { storageOrigin } from "../storage/origin";
// Response security headers. Kept free of app imports: next.config.ts and proxy.ts load it.

/** On every API answer (/api/**, /oauth/token): set statically in next.config.ts, no per-request work. */
export const API_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  "X-Content-Type-Options": "nosniff",
  "Content-Security-Policy": "frame-ancestors 'none'",
};

/** Powerful features no page of ours uses; denying them means injected code cannot ask for them either. */
export const PERMISSIONS_POLICY = [
  "camera=()",
  "microphone=()",
  "geolocation=()",
  "payment=()",
  "usb=()",
  "serial=()",
  "hid=()",
  "display-capture=()",
  "browsing-topics=()",
].join(", ");

/** One year, this host only: the app does not own its parent domain's other subdomains. */
export const HSTS = "max-age=31536000";

/** Paths whose URLs carry a secret (download tokens, invite tokens) or show a buyer's purchases: no Referer at all. */
const NO_REFERRER = /^\/(download|my|invite)(\/|$)/;

export interface PageHeaderOptions {
  /** The page's per-request CSP nonce (base64). */
  nonce: string;
  /** The app's public URL (lib/config/app.ts): HSTS and upgrade-insecure-requests only when it is https. */
  appUrl: string;
  dev?: boolean;
  /** The bucket's origin when the dashboard uploads straight to S3 storage (lib/storage/origin.ts). */
  storage?: string | null;
}

/**
 * The dashboard's CSP. Scripts: only those carrying this response's nonce, which Next.js puts on its
 * own scripts, plus what they load ('strict-dynamic'). Style elements: 'self' and the nonce. Style
 * attributes need 'unsafe-inline' (style-src-attr only): React renders style={…} props, recharts'
 * charts and the upload progress bar into the server HTML as style="…", and a nonce cannot cover an
 * attribute. Attributes cannot carry selectors, and images and connections stay on 'self', so an
 * injected attribute cannot read or send the page's contents.
 */
export function pageCsp({ nonce, appUrl, dev = false, storage = storageOrigin() }: PageHeaderOptions): string {
  const directives = [
    "default-src 'self'",
    // React's development build evaluates code to rebuild server stacks; production never does.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    // The development server injects its CSS and error overlay as <style> elements without the nonce.
    dev ? "style-src 'self' 'unsafe-inline'" : `style-src 'self' 'nonce-${nonce}'`,
    "style-src-attr 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    `connect-src 'self'${storage ? ` ${storage}` : ""}`,
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ];
  if (isHttps(appUrl)) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}

/** Headers for a response of the dashboard, sign-in, invite or portal pages (anything not under /api). */
export function pageSecurityHeaders(pathname: string, options: PageHeaderOptions): Record<string, string> {
  return { ...baseHeaders(pathname, options.appUrl), "Content-Security-Policy": pageCsp(options) };
}

/**
 * Headers for documents that carry their own CSP (the HTML the /download route handlers write, the
 * 400 page): no nonce, no scripts.
 */
export function documentSecurityHeaders(pathname: string, csp: string, appUrl: string): Record<string, string> {
  return { ...baseHeaders(pathname, appUrl), "Content-Security-Policy": csp };
}

function baseHeaders(pathname: string, appUrl: string): Record<string, string> {
  const headers: Record<string, string> = {
    "X-Content-Type-Options": "nosniff",
    // For browsers without CSP frame-ancestors.
    "X-Frame-Options": "DENY",
    "Referrer-Policy": NO_REFERRER.test(pathname) ? "no-referrer" : "strict-origin-when-cross-origin",
    "Permissions-Policy": PERMISSIONS_POLICY,
  };
  if (isHttps(appUrl)) headers["Strict-Transport-Security"] = HSTS;
  return headers;
}

const isHttps = (url: string) => url.startsWith("https://");
