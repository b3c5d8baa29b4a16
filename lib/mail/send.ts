import nodemailer, { type Transporter } from "nodemailer";
import { db } from "@/lib/db/client";
import { mailMode } from "./mode";
import { sender, senderHeader } from "./sender";

export interface Mail {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** The one link the mail is about; printed on the console in outbox mode. */
  link?: string;
  /** A display name for From: (e.g. the seller's organisation); the address stays MAIL_FROM's. */
  fromName?: string;
}

let transporter: Transporter | undefined;

export async function sendMail(mail: Mail): Promise<void> {
  const mode = mailMode();
  if (mode.kind === "smtp") {
    transporter ??= nodemailer.createTransport(mode.url);
    await transporter.sendMail({
      from: mail.fromName ? sender(mail.fromName) : process.env.MAIL_FROM || "Continuata <no-reply@localhost>",
      to: mail.to,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    });
    return;
  }
  await db.outboxMessage.create({
    data: {
      to: mail.to,
      from: mail.fromName ? senderHeader(mail.fromName) : null,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
    },
  });
  // A sign-in, invite or download link is a key: printed only while developing, never in production logs.
  const link = mail.link && process.env.NODE_ENV !== "production" ? `: ${mail.link}` : "";
  console.info(`[outbox] ${mail.subject} → ${mail.to}${link}`);
}
