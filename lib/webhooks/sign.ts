import { Webhook } from "standardwebhooks";

/**
 * Standard Webhooks headers for one attempt. The timestamp is the attempt's (receivers
 * reject stale ones); the id is the event's, the same on every retry. During a secret's
 * grace period both secrets sign, space-separated, so a receiver holding either verifies.
 */
export function signatureHeaders(msgId: string, body: string, secrets: string[], at = new Date()): Record<string, string> {
  const signatures = secrets.map((s) => new Webhook(s).sign(msgId, at, body));
  return {
    "webhook-id": msgId,
    "webhook-timestamp": String(Math.floor(at.getTime() / 1000)),
    "webhook-signature": signatures.join(" "),
  };
}
