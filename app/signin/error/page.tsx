import type { Metadata } from "next";
import Link from "next/link";
import { buttonClass } from "@/components/ui/button-class";

export const metadata: Metadata = { title: "Sign-in problem" };

const MESSAGES: Record<string, string> = {
  Verification: "This sign-in link has expired or has already been used. Links work once, for 24 hours.",
  AccessDenied: "You do not have access.",
  Configuration: "Sign-in is not configured correctly on this server.",
};

export default async function SignInErrorPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-2xl bg-white p-8 text-center shadow-sm ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold text-slate-900">We could not sign you in</h1>
        <p className="mt-2 text-sm text-slate-600">{MESSAGES[error ?? ""] ?? "Something went wrong while signing in. Please try again."}</p>
        <Link href="/signin" className={buttonClass("primary", "mt-6")}>
          Get a new link
        </Link>
      </div>
    </main>
  );
}
