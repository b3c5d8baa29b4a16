import type { Metadata } from "next";
import Link from "next/link";
import { outboxEnabled } from "@/lib/mail/mode";

export const metadata: Metadata = { title: "Check your email" };

export default async function VerifyPage({ searchParams }: { searchParams: Promise<{ email?: string }> }) {
  const { email } = await searchParams;
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-sm rounded-2xl bg-white p-8 text-center shadow-sm ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold text-slate-900">Check your email</h1>
        <p className="mt-2 text-sm text-slate-600">
          We sent a sign-in link
          {email ? (
            <>
              {" "}
              to <strong>{email}</strong>
            </>
          ) : null}
          . It works once and expires in 24 hours.
        </p>
        {outboxEnabled() && (
          <p className="mt-4 text-sm">
            <Link href="/dev/outbox" className="font-medium text-indigo-700 underline">
              Open the local outbox
            </Link>
          </p>
        )}
        <p className="mt-6 text-sm">
          <Link href="/signin" className="text-slate-600 underline">
            Use a different address
          </Link>
        </p>
      </div>
    </main>
  );
}
