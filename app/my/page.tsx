import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { listOrganizationsFor } from "@/lib/orgs/organizations";
import { buyerLibrary } from "@/lib/portal/library";
import { formatBytes } from "@/lib/downloads/page";
import { buttonClass } from "@/components/ui/button-class";
import { SignOutButton } from "./sign-out";

export const metadata: Metadata = { title: "Your purchases" };

/** The buyer's library: every purchase tied to the signed-in email, across sellers, its files one click away. */
export default async function MyPurchasesPage() {
  const user = await requireUser("/my");
  const [purchases, orgs] = await Promise.all([buyerLibrary(user.email), listOrganizationsFor(user.id)]);
  return (
    <main id="main" className="mx-auto max-w-2xl px-4 py-8 sm:py-12">
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3 text-sm">
        <span className="text-base font-semibold tracking-tight text-slate-900">Continuata</span>
        <div className="flex flex-wrap items-center gap-3">
          {orgs.length ? (
            <Link href={`/orgs/${orgs[0].slug}`} className="font-medium text-indigo-700 hover:underline">
              Seller dashboard
            </Link>
          ) : (
            <span className="text-slate-600">
              Selling on Continuata?{" "}
              <Link href="/orgs/new" className="font-medium text-indigo-700 hover:underline">
                Create an organisation
              </Link>
            </span>
          )}
          <SignOutButton />
        </div>
      </div>
      <h1 className="text-2xl font-semibold">Your purchases</h1>
      <p className="mt-1 text-sm text-slate-600">Signed in as {user.email}. Download anything you bought, whenever you need it.</p>
      {purchases.length === 0 ? (
        <p className="mt-8 rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-600">
          No purchases for {user.email}. Bought with another address? Sign out and sign in with that one.
        </p>
      ) : (
        <ul className="mt-6 space-y-4">
          {purchases.map((p) => (
            <li key={p.id} className="rounded-xl bg-white p-4 shadow-xs ring-1 ring-slate-200 sm:p-5" data-testid="purchase">
              <div className="flex flex-wrap items-start justify-between gap-3">
                <div className="min-w-0">
                  <h2 className="font-semibold text-slate-900">{p.product}</h2>
                  <p className="text-sm text-slate-600">
                    by <span data-testid="seller">{p.seller}</span>
                    {p.version ? ` · version ${p.version}` : ""} · bought {p.createdAt.toISOString().slice(0, 10)}
                  </p>
                </div>
                {p.files.length > 1 && (
                  <a href={`/my/purchases/${p.id}/zip`} download className={buttonClass("secondary", "text-sm")}>
                    Download all<span className="sr-only"> files of {p.product} as a zip</span>
                  </a>
                )}
              </div>
              {p.files.length === 0 ? (
                <p className="mt-3 text-sm text-slate-600">The seller has no download available for this product right now.</p>
              ) : (
                <ul className="mt-3 divide-y divide-slate-100 border-t border-slate-100" aria-label={`Files of ${p.product}`}>
                  {p.files.map((f) => (
                    <li key={f.id} className="flex items-center justify-between gap-3 py-2.5" data-testid="library-file">
                      <span className="min-w-0">
                        <span className="block text-sm font-medium break-all text-slate-900">{f.name}</span>
                        <span className="text-xs text-slate-600">{formatBytes(f.size)}</span>
                      </span>
                      <a href={`/my/purchases/${p.id}/files/${f.id}`} download className={buttonClass("primary", "shrink-0 text-sm")}>
                        Download<span className="sr-only"> {f.name}</span>
                      </a>
                    </li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
