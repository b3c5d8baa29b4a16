import nodemailer, { type Transporter } from "nodemailer";
import { db } from "@/lib/db/client";
import { mailMode } from "./mode";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The one link the mail is about; printed on the console in outbox mode. */
  link?: string;
}

let transporter: Transporter | undefined;

export async function sendMail(mail: Mail): Promise<void> {
  const mode = mailMode();
  if (mode.kind === "smtp") {
    transporter ??= nodemailer.createTransport(mode.url);
    await transporter.sendMail({
      from: process.env.MAIL_FROM || "Continuata <no-reply@localhost>",
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
    return;
  }
  await db.outboxMessage.create({ data: { to: mail.to, subject: mail.subject, text: mail.text, html: mail.html } });
  // A sign-in or invite link is a key to an account: printed only while developing, never in production logs.
  const link = mail.link && process.env.NODE_ENV !== "production" ? `: ${mail.link}` : "";
  console.info(`[outbox] ${mail.subject} → ${mail.to}${link}`);
}
