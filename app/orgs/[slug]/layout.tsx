import type { ReactNode } from "react";
import { requireOrg } from "@/lib/auth/session";
import { listOrganizationsFor } from "@/lib/orgs/organizations";
import { canOpen, NAV } from "@/components/dashboard/nav";
import { Sidebar } from "@/components/dashboard/sidebar";
import { ToastProvider } from "@/components/ui/toast";

export default async function OrgLayout({ children, params }: { children: ReactNode; params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireOrg(slug);
  const orgs = await listOrganizationsFor(ctx.user.id);
  const sections = NAV.map((s) => ({ ...s, items: s.items.filter((i) => canOpen(ctx.role, i)) })).filter((s) => s.items.length);
  const current = { slug: ctx.org.slug, name: ctx.org.name, role: ctx.role };
  return (
    <ToastProvider>
      <div className="min-h-screen lg:flex">
        <Sidebar slug={slug} sections={sections} orgs={orgs} currentOrg={current} userEmail={ctx.user.email} />
        <main id="main" className="min-w-0 flex-1 px-4 py-6 sm:px-8 lg:py-10">
          {!ctx.org.active && (
            <div role="status" className="mb-6 rounded-lg bg-amber-50 px-4 py-3 text-sm text-amber-900 ring-1 ring-amber-200">
              This organisation is inactive: its API keys answer 403 until an owner reactivates it.
            </div>
          )}
          <div className="mx-auto max-w-5xl">{children}</div>
        </main>
      </div>
    </ToastProvider>
  );
}
