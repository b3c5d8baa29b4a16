import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/lib/auth/session";
import { can, roleLabel } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { Card, PageHeader, EmptyState } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button-class";
import { ConfirmButton } from "./settings/members/member-forms";
import { removeMemberAction } from "./settings/members/actions";

export const metadata: Metadata = { title: "Overview" };

export default async function OrgOverview({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireOrg(slug);
  const memberCount = await db.membership.count({ where: { orgId: ctx.org.id } });
  const manage = can(ctx.role, "members.manage");
  return (
    <>
      <PageHeader
        title={ctx.org.name}
        description={`You are ${ctx.role === "member" ? "a" : "an"} ${roleLabel[ctx.role].toLowerCase()} of this organisation.`}
      />
      <div className="grid gap-4 sm:grid-cols-2">
        <Card title="Team">
          <p className="text-3xl font-semibold" data-testid="member-count">
            {memberCount}
          </p>
          <p className="text-sm text-slate-500">{memberCount === 1 ? "member" : "members"}</p>
          {can(ctx.role, "members.read") && (
            <Link href={`/orgs/${slug}/settings/members`} className="mt-3 inline-block text-sm font-medium text-indigo-700 underline">
              {manage ? "Invite and manage members" : "View members"}
            </Link>
          )}
        </Card>
        <Card title="Getting started">
          <ol className="list-decimal space-y-1 pl-5 text-sm text-slate-600">
            <li>Invite your team from Settings → Members.</li>
            <li>Add a product and upload its files.</li>
            <li>Mint an API key and connect your storefront.</li>
          </ol>
        </Card>
      </div>
      {!manage && (
        <div className="mt-6 flex justify-end">
          <ConfirmButton
            action={removeMemberAction.bind(null, slug, ctx.user.id)}
            label="Leave organisation"
            confirm={`Leave ${ctx.org.name}? You will lose access to its dashboard, and your API key stops working.`}
          />
        </div>
      )}
      {memberCount === 1 && manage && (
        <div className="mt-6">
          <EmptyState
            title="You are the only one here"
            action={
              <Link className={buttonClass("secondary")} href={`/orgs/${slug}/settings/members`}>
                Invite a teammate
              </Link>
            }
          >
            Invite teammates by email; they get a link that adds them to this organisation.
          </EmptyState>
        </div>
      )}
    </>
  );
}
