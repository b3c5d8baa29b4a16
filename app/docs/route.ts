import { randomBytes } from "node:crypto";
import { appUrl } from "@/lib/config/app";
import { referencePage } from "@/lib/docs/reference-page";

/**
 * The API reference. A route handler, not a React page: the renderer owns the page's DOM, which
 * React would otherwise try to hydrate. proxy.ts gives this response the dashboard's CSP and hands
 * its nonce over in `x-nonce`.
 */
export function GET(req: Request) {
  const nonce = req.headers.get("x-nonce") ?? randomBytes(16).toString("base64");
  return new Response(referencePage({ nonce, baseUrl: appUrl() }), {
    headers: { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" },
  });
}
