/** The events an endpoint can subscribe to (no server imports: client forms read it too). */
export const WEBHOOK_EVENT_TYPES = [
  "purchase.created",
  "purchase.revoked",
  "download.completed",
  "version.activated",
  "key.revoked",
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];
