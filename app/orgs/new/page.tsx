import type { Metadata } from "next";
import Link from "next/link";
import { requireUser } from "@/lib/auth/session";
import { listOrganizationsFor } from "@/lib/orgs/organizations";
import { CreateOrgForm } from "./create-org-form";

export const metadata: Metadata = { title: "Create organisation" };

export default async function NewOrgPage() {
  const user = await requireUser("/orgs/new");
  const orgs = await listOrganizationsFor(user.id);
  return (
    <main id="main" className="flex min-h-screen items-center justify-center px-4">
      <div className="w-full max-w-md rounded-2xl bg-white p-8 shadow-sm ring-1 ring-slate-200">
        <h1 className="text-xl font-semibold text-slate-900">{orgs.length ? "Create another organisation" : "Welcome to Continuata"}</h1>
        <p className="mt-1 text-sm text-slate-500">
          {orgs.length
            ? "You will be its owner."
            : "Create an organisation for your products. You will be its owner and can invite your team. Were you invited? Open the link in your invitation email instead."}
        </p>
        <CreateOrgForm />
        {orgs.length > 0 && (
          <Link href={`/orgs/${orgs[0].slug}`} className="mt-4 block text-center text-sm text-slate-600 underline">
            Back to {orgs[0].name}
          </Link>
        )}
      </div>
    </main>
  );
}
