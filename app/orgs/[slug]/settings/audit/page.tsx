import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listAuditEvents } from "@/lib/audit/list";
import { Card, EmptyState, PageHeader } from "@/components/ui/card";
import { NoAccess } from "@/components/dashboard/no-access";

export const metadata: Metadata = { title: "Audit log" };

export default async function AuditPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { slug } = await params;
  const { cursor } = await searchParams;
  const ctx = await requireOrg(slug);
  if (!can(ctx.role, "audit.read")) return <NoAccess what="the audit log" />;
  const { events, nextCursor } = await listAuditEvents(ctx.org.id, { cursor });
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Who changed members and credentials, when, and from where. Entries cannot be edited or deleted."
      />
      {events.length === 0 ? (
        <EmptyState title="Nothing recorded yet" />
      ) : (
        <Card>
          <div className="overflow-x-auto" tabIndex={0} role="region" aria-label="Audit events">
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-slate-500">
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
                  <tr key={e.id} data-testid="audit-row">
                    <td className="whitespace-nowrap py-2 pr-4 text-slate-500">
                      <time dateTime={e.createdAt.toISOString()}>{e.createdAt.toISOString().replace("T", " ").slice(0, 19)} UTC</time>
                    </td>
                    <td className="py-2 pr-4">{e.actorEmail ?? "—"}</td>
                    <td className="py-2 pr-4 font-mono text-xs">{e.action}</td>
                    <td className="py-2 pr-4">
                      {e.targetLabel ?? e.targetId}
                      {e.metadata && typeof e.metadata === "object" && "from" in e.metadata && "to" in e.metadata ? (
                        <span className="text-slate-500">
                          {" "}
                          ({String(e.metadata.from)} → {String(e.metadata.to)})
                        </span>
                      ) : null}
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
          {nextCursor && (
            <Link href={`?cursor=${nextCursor}`} className="mt-4 inline-block text-sm font-medium text-indigo-700 underline">
              Older entries
            </Link>
          )}
        </Card>
      )}
    </>
  );
}
