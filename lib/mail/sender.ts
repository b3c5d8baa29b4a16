const DEFAULT_FROM = "Continuata <no-reply@localhost>";

/** The bare address of MAIL_FROM ("Name <a@b>" or "a@b"). */
export function fromAddress(mailFrom: string | undefined = process.env.MAIL_FROM): string {
  const from = mailFrom?.trim() || DEFAULT_FROM;
  return from.match(/<([^<>]+)>\s*$/)?.[1].trim() ?? from;
}

/**
 * A seller's name made safe for a From: display name: no control characters
 * (a CR/LF would start a new header), no quotes or angle brackets, one line, ≤ 64 chars.
 */
export function displayName(name: string): string {
  const clean = name
    .replace(/[\p{Cc}\p{Cf}\u2028\u2029"<>\\]/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  return [...clean].slice(0, 64).join("").trim() || "Continuata";
}

/** `{name, address}` for nodemailer, which encodes non-ASCII names itself. */
export const sender = (name: string) => ({ name: displayName(name), address: fromAddress() });

/** The same sender as one header value, for the development outbox. */
export const senderHeader = (name: string) => `"${displayName(name)}" <${fromAddress()}>`;
