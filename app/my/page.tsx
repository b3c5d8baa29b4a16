import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { listOrganizationsFor } from "@/lib/orgs/organizations";
import { purchasesForBuyer } from "@/lib/purchases/purchases";
import { getLinkAction } from "./actions";
import { GetLink } from "./get-link";
import { SignOutButton } from "./sign-out";

export const metadata: Metadata = { title: "Your purchases" };

/** The buyer portal: every purchase tied to the signed-in email, across sellers. */
export default async function MyPurchasesPage() {
  const user = await requireUser("/my");
  const [purchases, orgs] = await Promise.all([purchasesForBuyer(user.email), listOrganizationsFor(user.id)]);
  return (
    <main className="mx-auto max-w-2xl px-4 py-12">
      <div className="mb-6 flex flex-wrap items-center justify-between gap-3 text-sm">
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
      <h1 className="text-2xl font-semibold">Your purchases</h1>
      <p className="mt-1 text-sm text-slate-500">
        Signed in as {user.email}. Get a fresh download link for anything you bought, whenever you need it.
      </p>
      {purchases.length === 0 ? (
        <p className="mt-8 rounded-xl border border-dashed border-slate-300 p-8 text-center text-sm text-slate-500">
          No purchases for {user.email}. Bought with another address? Sign out and sign in with that one.
        </p>
      ) : (
        <ul className="mt-6 space-y-3">
          {purchases.map((p) => (
            <li
              key={p.id}
              className="flex flex-wrap items-center justify-between gap-4 rounded-xl bg-white p-4 shadow-xs ring-1 ring-slate-200"
              data-testid="purchase"
            >
              <div>
                <p className="font-medium">{p.product.name}</p>
                <p className="text-xs text-slate-500">
                  from {p.product.organization.name}
                  {p.product.activeVersion ? ` · version ${p.product.activeVersion.version}` : ""} · bought{" "}
                  {p.createdAt.toISOString().slice(0, 10)}
                </p>
              </div>
              <GetLink action={getLinkAction.bind(null, p.id)} />
            </li>
          ))}
        </ul>
      )}
    </main>
  );
}
