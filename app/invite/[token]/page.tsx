import type { Metadata } from "next";
import Link from "next/link";
import { currentUser } from "@/lib/auth/session";
import { findInvite } from "@/lib/orgs/invites";
import { roleLabel } from "@/lib/auth/permissions";
import { buttonClass } from "@/components/ui/button-class";
import { acceptInviteAction } from "./actions";
import { invitePath } from "./path";
import { AcceptForm } from "./accept-form";

export const metadata: Metadata = { title: "Invitation" };

const PROBLEM: Record<string, string> = {
  accepted: "This invitation has already been used.",
  revoked: "This invitation was withdrawn.",
  expired: "This invitation has expired.",
};

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const [invite, user] = await Promise.all([findInvite(token), currentUser()]);
  let body;
  if (!invite || invite.status !== "pending") {
    body = (
      <>
        <h1 className="text-xl font-semibold">Invitation not valid</h1>
        <p className="mt-2 text-sm text-slate-600">
          {invite ? PROBLEM[invite.status] : "We do not know this invitation link."} Ask the person who invited you for a new one.
        </p>
        <Link className={buttonClass("secondary", "mt-6")} href="/">
          Go home
        </Link>
      </>
    );
  } else {
    const heading = (
      <>
        <h1 className="text-xl font-semibold">Join {invite.organization.name}</h1>
        <p className="mt-2 text-sm text-slate-600">
          {invite.invitedBy.name || invite.invitedBy.email} invited <strong>{invite.email}</strong> to join as{" "}
          {roleLabel[invite.role].toLowerCase()}.
        </p>
      </>
    );
    if (!user) {
      body = (
        <>
          {heading}
          <Link className={buttonClass("primary", "mt-6 w-full")} href={`/signin?callbackUrl=${encodeURIComponent(invitePath(token))}`}>
            Sign in as {invite.email} to accept
          </Link>
        </>
      );
    } else if (user.email !== invite.email) {
      body = (
        <>
          {heading}
          <p className="mt-4 rounded-lg bg-amber-50 p-3 text-sm text-amber-900">
            You are signed in as {user.email}. Sign out and sign in as {invite.email} to accept.
          </p>
        </>
      );
    } else {
      body = (
        <>
          {heading}
          <AcceptForm action={acceptInviteAction.bind(null, token)} />
        </>
      );
    }
  }
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-2xl bg-white p-8 text-center shadow-sm ring-1 ring-slate-200">{body}</div>
    </main>
  );
}
