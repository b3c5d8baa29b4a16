/** Who is making a change and from where: recorded in the audit log. */
export interface Actor {
  userId: string;
  via: "dashboard" | "api" | "cli";
  ip?: string | null;
}
