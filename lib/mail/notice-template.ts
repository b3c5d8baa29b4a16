import type { Mail } from "./send";
import { escape } from "./templates";

export interface NoticeMailInput {
  to: string;
  productName: string;
  version: string;
  sellerName: string;
  portalUrl: string;
}

/** "A new version is out": no download link in the mail (it would go stale); /my mints a fresh one. */
export function versionNoticeMail(m: NoticeMailInput): Mail {
  const text = [
    `${m.sellerName} has released version ${m.version} of ${m.productName}, which you bought.`,
    "",
    "Sign in with this email address to download it:",
    m.portalUrl,
    "",
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;background:#f6f7f9;padding:24px">
<div style="max-width:520px;margin:auto;background:#fff;border-radius:12px;padding:32px">
<h1 style="font-size:20px;margin:0 0 12px">${escape(m.productName)} ${escape(m.version)} is out</h1>
<p style="color:#444;line-height:1.5">${escape(m.sellerName)} has released version <strong>${escape(m.version)}</strong> of
<strong>${escape(m.productName)}</strong>, which you bought.</p>
<p><a href="${escape(m.portalUrl)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:10px 18px;border-radius:8px;text-decoration:none">Get the new version</a></p>
<p style="color:#888;font-size:12px">Sign in at <a href="${escape(m.portalUrl)}">${escape(m.portalUrl)}</a> with this email address.</p>
</div></body></html>`;
  return { to: m.to, fromName: m.sellerName, subject: `New version of ${m.productName}: ${m.version}`, text, html };
}
