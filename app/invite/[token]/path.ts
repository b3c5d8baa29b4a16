import { safeRedirectPath } from "@/lib/http/safe-redirect";

/** Where sign-in returns to for this invitation: the token is one path segment, whatever it holds. */
export const invitePath = (token: string) => safeRedirectPath(`/invite/${encodeURIComponent(token)}`, "/");
