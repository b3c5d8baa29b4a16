import { createHash } from "node:crypto";
import type { DeadReason } from "./tokens";

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export function formatBytes(n: number): string {
  const units = ["B", "KB", "MB", "GB", "TB"];
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

const STYLE = `body{font-family:system-ui,-apple-system,Segoe UI,Roboto,sans-serif;background:#f8fafc;color:#0f172a;margin:0;padding:48px 16px}
main{max-width:640px;margin:auto;background:#fff;border-radius:16px;padding:32px;box-shadow:0 1px 2px #0001;border:1px solid #e2e8f0}
h1{font-size:22px;margin:0 0 4px}p{color:#475569;line-height:1.5}ul{list-style:none;padding:0;margin:24px 0 0}
li{display:flex;justify-content:space-between;align-items:center;gap:12px;padding:12px 0;border-top:1px solid #f1f5f9}
.name{font-weight:500;word-break:break-all}.size{color:#64748b;font-size:13px}
a.btn{background:#4f46e5;color:#fff;text-decoration:none;padding:8px 14px;border-radius:8px;font-weight:600;font-size:14px;white-space:nowrap}
.muted{font-size:13px;color:#64748b}a{color:#4338ca}
@media (prefers-color-scheme:dark){:root{color-scheme:dark}body{background:#020617;color:#f1f5f9}main{background:#0f172a;border-color:#1e293b}
p{color:#cbd5e1}li{border-top-color:#1e293b}.size,.muted{color:#94a3b8}a{color:#a5b4fc}a.btn{color:#fff}}`;

/**
 * The CSP of these pages (set by proxy.ts on /download and /download/file): no scripts, nothing
 * loaded, only the one inline style sheet above, allowed by its hash.
 */
export const DOWNLOAD_PAGE_CSP = [
  "default-src 'none'",
  `style-src 'sha256-${createHash("sha256").update(STYLE).digest("base64")}'`,
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join("; ");

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><meta name="robots" content="noindex"><meta name="referrer" content="no-referrer"><title>${esc(title)} · Continuata</title><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

export function downloadPage(d: {
  product: string;
  seller: string;
  version: string;
  expiresAt: Date;
  files: { id: string; name: string; size: number; remaining: number | null; href: string }[];
}): string {
  const left = (n: number | null) => (n === null ? "" : ` · ${n} download${n === 1 ? "" : "s"} left`);
  const items = d.files
    .map((f) => {
      const action =
        f.remaining === 0 ? `<span class="muted">No downloads left</span>` : `<a class="btn" href="${esc(f.href)}" download>Download</a>`;
      return `<li data-testid="download-file"><span><span class="name">${esc(f.name)}</span><br><span class="size">${formatBytes(f.size)}${left(f.remaining)}</span></span>${action}</li>`;
    })
    .join("");
  const limited = d.files.some((f) => f.remaining !== null) ? " Each file counts its own downloads." : "";
  const limits = `Link expires ${esc(d.expiresAt.toISOString().replace("T", " ").slice(0, 16))} UTC.${limited}`;
  return page(
    d.product,
    `<h1>${esc(d.product)}</h1><p>Version ${esc(d.version)} · sold by <strong data-testid="seller">${esc(d.seller)}</strong></p>${items ? `<ul>${items}</ul>` : "<p>This version has no files.</p>"}<p class="muted">${limits} Lost this link later? Get a fresh one any time at <a href="/my">your purchases</a>.</p>`,
  );
}

/** A short page that says why something a buyer asked for cannot be had (the library's download routes). */
export function messagePage(title: string, text: string): string {
  return page(title, `<h1>${esc(title)}</h1><p>${esc(text)}</p><p><a href="/my">Back to your purchases</a></p>`);
}

const DEAD: Record<DeadReason, [number, string, string]> = {
  unknown: [404, "Link not found", "We do not recognise this download link. Check that it was copied completely."],
  expired: [410, "This link has expired", "Download links are short-lived on purpose."],
  revoked: [410, "This link was revoked", "The seller withdrew this download link."],
  exhausted: [410, "No downloads left on this link", "This file has been downloaded as many times as the link allows."],
};

export function deadLinkPage(reason: DeadReason): { status: number; html: string } {
  const [status, title, text] = DEAD[reason];
  return {
    status,
    html: page(
      title,
      `<h1>${title}</h1><p>${text}</p><p>Bought this product? Sign in at <a href="/my">your purchases</a> with the email you bought it with and get a fresh link there, any time.</p>`,
    ),
  };
}

export function tooManyAttemptsPage(): string {
  return page(
    "Too many attempts",
    `<h1>Too many attempts</h1><p>Too many unknown download links came from your address. Wait a minute and try again.</p><p>Bought this product? Sign in at <a href="/my">your purchases</a> for a fresh link.</p>`,
  );
}
