import type { Mail } from "./send";
import { escape } from "./templates";

export interface DeliveryMailInput {
  to: string;
  productName: string;
  sellerName: string;
  downloadUrl: string;
  expiresAt: Date;
  portalUrl: string;
  /** The seller's own note, plain text (newlines kept). */
  message?: string | null;
}

const button = (href: string, label: string, primary: boolean) =>
  `<a href="${escape(href)}" style="display:inline-block;${
    primary ? "background:#4f46e5;color:#fff" : "background:#eef2ff;color:#3730a3"
  };padding:10px 18px;border-radius:8px;text-decoration:none;margin:0 8px 8px 0">${escape(label)}</a>`;

const when = (d: Date) => `${d.toISOString().replace("T", " ").slice(0, 16)} UTC`;

/** The buyer's delivery: what they bought, from whom, a download link and the portal for later. */
export function deliveryMail(m: DeliveryMailInput): Mail {
  const note = m.message?.trim();
  const text = [
    `Thank you for your purchase of ${m.productName} from ${m.sellerName}.`,
    ...(note ? ["", note] : []),
    "",
    `Download it here (the link expires ${when(m.expiresAt)}):`,
    m.downloadUrl,
    "",
    `Later, sign in with this email address to get fresh links to everything you bought:`,
    m.portalUrl,
    "",
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family:system-ui,sans-serif;background:#f6f7f9;padding:24px">
<div style="max-width:520px;margin:auto;background:#fff;border-radius:12px;padding:32px">
<h1 style="font-size:20px;margin:0 0 12px">Your download: ${escape(m.productName)}</h1>
<p style="color:#444;line-height:1.5">Thank you for your purchase of <strong>${escape(m.productName)}</strong> from ${escape(m.sellerName)}.</p>
${note ? `<p style="color:#444;line-height:1.5;white-space:pre-line;border-left:3px solid #c7d2fe;padding-left:12px">${escape(note)}</p>` : ""}
<p>${button(m.downloadUrl, "Download", true)}${button(m.portalUrl, "All my purchases", false)}</p>
<p style="color:#888;font-size:12px">The download link expires ${escape(when(m.expiresAt))}. Later, sign in at
<a href="${escape(m.portalUrl)}">${escape(m.portalUrl)}</a> with this email address for fresh links.</p>
</div></body></html>`;
  return {
    to: m.to,
    link: m.downloadUrl,
    fromName: m.sellerName,
    subject: `Your download: ${m.productName}`,
    text,
    html,
  };
}
