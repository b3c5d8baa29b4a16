import type { Mail } from "./send";

export const escape = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

function layout(heading: string, body: string, link: string, action: string): string {
  return `<!doctype html><html><body style="font-family:system-ui,sans-serif;background:#f6f7f9;padding:24px">
<div style="max-width:480px;margin:auto;background:#fff;border-radius:12px;padding:32px">
<h1 style="font-size:20px;margin:0 0 12px">${escape(heading)}</h1>
<p style="color:#444;line-height:1.5">${escape(body)}</p>
<p><a href="${escape(link)}" style="display:inline-block;background:#4f46e5;color:#fff;padding:10px 18px;border-radius:8px;text-decoration:none">${escape(action)}</a></p>
<p style="color:#888;font-size:12px">If you did not ask for this, you can ignore this email.</p>
</div></body></html>`;
}

export function signInMail(to: string, link: string, host: string): Mail {
  return {
    to,
    link,
    subject: `Sign in to Continuata`,
    text: `Sign in to Continuata (${host}) with this link:\n\n${link}\n\nThe link works once and expires in 24 hours. If you did not ask for it, ignore this email.\n`,
    html: layout(
      "Sign in to Continuata",
      `Click the button to sign in to ${host}. The link works once and expires in 24 hours.`,
      link,
      "Sign in",
    ),
  };
}

export function inviteMail(to: string, link: string, orgName: string, inviter: string): Mail {
  return {
    to,
    link,
    subject: `${inviter} invited you to ${orgName} on Continuata`,
    text: `${inviter} invited you to join ${orgName} on Continuata.\n\nAccept the invitation:\n\n${link}\n\nThe invitation expires in 7 days.\n`,
    html: layout(
      `Join ${orgName}`,
      `${inviter} invited you to join ${orgName} on Continuata. The invitation expires in 7 days.`,
      link,
      "Accept invitation",
    ),
  };
}
