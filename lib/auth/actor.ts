/** Who is making a change and from where: recorded in the audit log. */
export interface Actor {
  userId: string;
  via: "dashboard" | "api" | "cli";
  ip?: string | null;
}

/** A verified third party acting without a user (a signed Stripe event): audited under its own `via`. */
export interface IntegrationActor {
  userId: null;
  via: "stripe";
  ip?: string | null;
}
