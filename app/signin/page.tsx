import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { currentUser } from "@/lib/auth/session";
import { oauthProviderIds } from "@/lib/auth/options";
import { outboxEnabled } from "@/lib/mail/mode";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { SignInForm } from "./sign-in-form";

export const metadata: Metadata = { title: "Sign in" };

type Params = { callbackUrl?: string | string[]; error?: string | string[] };

export default async function SignInPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { callbackUrl, error } = await searchParams;
  const target = safeRedirectPath(callbackUrl, "/orgs");
  if (await currentUser()) redirect(target);
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold text-slate-900">Sign in to Continuata</h1>
        <p className="mt-1 text-sm text-slate-500">We email you a link; no password needed.</p>
        <SignInForm callbackUrl={target} providers={oauthProviderIds()} initialError={typeof error === "string" ? error : undefined} />
        {outboxEnabled() && (
          <p className="mt-6 rounded-lg bg-amber-50 p-3 text-xs text-amber-800">
            No SMTP is configured, so sign-in links go to the{" "}
            <a className="font-medium underline" href="/dev/outbox">
              local outbox
            </a>
            .
          </p>
        )}
      </div>
    </main>
  );
}
