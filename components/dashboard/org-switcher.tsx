"use client";
import Link from "next/link";

export interface OrgOption {
  slug: string;
  name: string;
  role: string;
}

/** A disclosure listing the user's organisations; works without JavaScript too. */
export function OrgSwitcher({ orgs, current }: { orgs: OrgOption[]; current: OrgOption }) {
  return (
    <details className="group relative">
      <summary className="flex cursor-pointer list-none items-center justify-between rounded-lg px-2 py-2 ring-1 ring-slate-200 hover:bg-slate-50">
        {/* The name is the visible text (organisation, role) plus what the control does. */}
        <span className="min-w-0">
          <span className="block truncate text-sm font-semibold text-slate-900">{current.name}</span>
          <span className="block text-xs capitalize text-slate-600">{current.role}</span>
          <span className="sr-only"> · switch organisation</span>
        </span>
        <span aria-hidden className="text-slate-400 group-open:rotate-180">
          ▾
        </span>
      </summary>
      <div className="absolute z-10 mt-1 w-full rounded-lg bg-white p-1 shadow-lg ring-1 ring-slate-200">
        <ul>
          {orgs.map((o) => (
            <li key={o.slug}>
              <Link
                href={`/orgs/${o.slug}`}
                aria-current={o.slug === current.slug ? "true" : undefined}
                className="flex items-center justify-between rounded-md px-2 py-1.5 text-sm text-slate-700 hover:bg-slate-100"
              >
                <span className="truncate">{o.name}</span>
                {o.slug === current.slug && <span aria-hidden>✓</span>}
              </Link>
            </li>
          ))}
        </ul>
        <Link
          href="/orgs/new"
          className="mt-1 block border-t border-slate-100 px-2 py-1.5 text-sm font-medium text-indigo-700 hover:bg-slate-50"
        >
          + Create organisation
        </Link>
      </div>
    </details>
  );
}
