import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/lib/auth/session";
import { canOpen, PAGES } from "@/components/dashboard/nav";
import { auditFilterChoices, listAuditEvents, type AuditFilter } from "@/lib/audit/list";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { NoAccess } from "@/components/dashboard/no-access";
import { AuditFilters } from "@/components/audit/filters";
import { describeChanges } from "@/components/audit/changes";

export const metadata: Metadata = { title: "Audit log" };

type Search = AuditFilter & { cursor?: string };

export default async function AuditPage({ params, searchParams }: { params: Promise<{ slug: string }>; searchParams: Promise<Search> }) {
  const { slug } = await params;
  const { cursor, ...raw } = await searchParams;
  const filter: AuditFilter = {
    actor: raw.actor || undefined,
    action: raw.action || undefined,
    from: raw.from || undefined,
    to: raw.to || undefined,
  };
  const ctx = await requireOrg(slug);
  if (!canOpen(ctx.role, PAGES.audit)) return <NoAccess what="the audit log" />;
  const [{ events, nextCursor }, choices] = await Promise.all([
    listAuditEvents(ctx.org.id, { cursor, filter }),
    auditFilterChoices(ctx.org.id),
  ]);
  const filtered = Object.values(filter).some(Boolean);
  const next = new URLSearchParams(Object.entries({ ...filter, cursor: nextCursor ?? "" }).filter(([, v]) => v) as [string, string][]);
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who changed the catalogue, purchases, members and credentials, when, and from where. Entries cannot be edited or deleted."
      />
      <Card>
        <AuditFilters key={JSON.stringify(filter)} filter={filter} actions={choices.actions} actors={choices.actors} />
        {events.length === 0 ? (
          <EmptyState title={filtered ? "No entries match these filters" : "Nothing recorded yet"} />
        ) : (
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Audit events">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-slate-500 uppercase">
                <tr>
                  <th className="py-2 pr-4 font-medium">When</th>
                  <th className="py-2 pr-4 font-medium">Who</th>
                  <th className="py-2 pr-4 font-medium">What</th>
                  <th className="py-2 pr-4 font-medium">Target</th>
                  <th className="py-2 font-medium">From</th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {events.map((e) => (
                  <tr key={e.id} data-testid="audit-row" data-action={e.action}>
                    <td className="py-2 pr-4 whitespace-nowrap text-slate-500">
                      <time dateTime={e.createdAt.toISOString()}>{e.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</time>
                    </td>
                    <td className="py-2 pr-4">{e.actorEmail ?? "—"}</td>
                    <td className="py-2 pr-4 font-mono text-xs">{e.action}</td>
                    <td className="py-2 pr-4">
                      {e.targetLabel ?? e.targetId}
                      {describeChanges(e.metadata) && <span className="block text-xs text-slate-500">{describeChanges(e.metadata)}</span>}
                    </td>
                    <td className="py-2 text-slate-500">
                      {e.via}
                      {e.ip ? ` · ${e.ip}` : ""}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        {nextCursor && (
          <Link href={`?${next}`} className="mt-4 inline-block text-sm font-medium text-indigo-700 underline">
            Older entries
          </Link>
        )}
      </Card>
    </>
  );
}
