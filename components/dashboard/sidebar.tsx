"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import type { NavSection } from "./nav";
import { OrgSwitcher, type OrgOption } from "./org-switcher";
import { signOut } from "next-auth/react";

interface Props {
  slug: string;
  sections: NavSection[];
  orgs: OrgOption[];
  currentOrg: OrgOption;
  userEmail: string;
}

export function Sidebar({ slug, sections, orgs, currentOrg, userEmail }: Props) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const base = `/orgs/${slug}`;

  const nav = (
    <nav aria-label="Dashboard" className="flex flex-1 flex-col gap-6">
      {sections.map((section, i) => (
        <div key={section.title ?? i}>
          {section.title && <h2 className="mb-1 px-2 text-xs font-semibold uppercase tracking-wide text-slate-600">{section.title}</h2>}
          <ul className="space-y-0.5">
            {section.items.map((item) => {
              const href = `${base}${item.href}`;
              const active = item.href === "" ? pathname === base : pathname === href || pathname.startsWith(`${href}/`);
              return (
                <li key={item.href}>
                  <Link
                    href={href}
                    onClick={() => setOpen(false)}
                    aria-current={active ? "page" : undefined}
                    className={`block rounded-md px-2 py-1.5 text-sm font-medium ${active ? "bg-indigo-50 text-indigo-700" : "text-slate-700 hover:bg-slate-100"}`}
                  >
                    {item.label}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );

  const footer = (
    <div className="border-t border-slate-200 pt-4">
      <p className="truncate px-2 text-xs text-slate-500" title={userEmail}>
        Signed in as <span className="font-medium text-slate-700">{userEmail}</span>
      </p>
      <Link href="/my" className="mt-2 block rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100">
        Your purchases
      </Link>
      {/* A plain link: /docs is a route handler (the renderer's own page), not a React page. */}
      <a href="/docs" className="block rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100">
        API reference
      </a>
      <button
        type="button"
        onClick={() => signOut({ callbackUrl: "/" })}
        className="mt-2 w-full rounded-md px-2 py-1.5 text-left text-sm text-slate-700 hover:bg-slate-100"
      >
        Sign out
      </button>
    </div>
  );

  return (
    <>
      <div className="flex items-center justify-between border-b border-slate-200 bg-white px-4 py-3 lg:hidden">
        <Link href={base} className="font-semibold text-slate-900">
          Continuata
        </Link>
        <button
          type="button"
          aria-expanded={open}
          aria-controls="mobile-nav"
          onClick={() => setOpen((v) => !v)}
          className="rounded-md px-2 py-1 text-sm ring-1 ring-slate-300"
        >
          {open ? "Close" : "Menu"}
        </button>
      </div>
      {open && (
        <div id="mobile-nav" className="space-y-4 border-b border-slate-200 bg-white p-4 lg:hidden">
          <OrgSwitcher orgs={orgs} current={currentOrg} />
          {nav}
          {footer}
        </div>
      )}
      <aside className="hidden w-64 shrink-0 flex-col gap-6 border-r border-slate-200 bg-white p-4 lg:flex">
        <Link href={base} className="px-2 text-lg font-semibold tracking-tight text-slate-900">
          Continuata
        </Link>
        <OrgSwitcher orgs={orgs} current={currentOrg} />
        {nav}
        {footer}
      </aside>
    </>
  );
}
