import type { Metadata } from "next";
import { requireOrg } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { canOpen, PAGES } from "@/components/dashboard/nav";
import { Badge, Card, PageHeader } from "@/components/ui/card";
import { NoAccess } from "@/components/dashboard/no-access";
import { ConfirmButton } from "../members/member-forms";
import { deliveryMessageAction, limitsAction, renameAction, setActiveAction } from "./actions";
import { DeliveryMessageForm } from "./delivery-message-form";
import { LimitsForm } from "./limits-form";
import { db } from "@/lib/db/client";
import { RenameForm } from "./rename-form";

export const metadata: Metadata = { title: "Organisation" };

export default async function OrganizationSettingsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireOrg(slug);
  if (!canOpen(ctx.role, PAGES.organization)) return <NoAccess what="organisation settings" />;
  const isOwner = can(ctx.role, "org.owner");
  const settings = await db.organization.findUniqueOrThrow({
    where: { id: ctx.org.id },
    select: { rateLimitPerMinute: true, requestRetentionDays: true, deliveryMessage: true },
  });
  return (
    <>
      <PageHeader
        title="Organisation"
        description={
          <>
            Address: <code className="font-mono">/orgs/{ctx.org.slug}</code>
          </>
        }
      />
      <div className="space-y-6">
        <Card title="Name">
          <RenameForm action={renameAction.bind(null, slug)} name={ctx.org.name} />
        </Card>
        <Card
          title="Delivery email"
          description="A short note (plain text, up to 500 characters) shown in every email that delivers a purchase to a buyer."
        >
          <DeliveryMessageForm action={deliveryMessageAction.bind(null, slug)} message={settings.deliveryMessage} />
        </Card>
        <Card
          title="API limits"
          description="Requests over the limit get 429 RATE_LIMITED with Retry-After. Older request history is deleted hourly."
        >
          <LimitsForm
            action={limitsAction.bind(null, slug)}
            rateLimitPerMinute={settings.rateLimitPerMinute}
            requestRetentionDays={settings.requestRetentionDays}
          />
        </Card>
        <Card
          title="Subscription state"
          description="An inactive organisation keeps its data, but every API key and access token answers 403 FORBIDDEN until it is reactivated."
          actions={<Badge tone={ctx.org.active ? "green" : "amber"}>{ctx.org.active ? "Active" : "Inactive"}</Badge>}
        >
          {isOwner ? (
            ctx.org.active ? (
              <ConfirmButton
                action={setActiveAction.bind(null, slug, false)}
                label="Deactivate organisation"
                confirm="Deactivate? All API keys of this organisation will stop working until you reactivate it."
              />
            ) : (
              <ConfirmButton
                action={setActiveAction.bind(null, slug, true)}
                label="Reactivate organisation"
                variant="secondary"
                confirm="Reactivate this organisation?"
              />
            )
          ) : (
            <p className="text-sm text-slate-500">Only owners can change the subscription state.</p>
          )}
        </Card>
      </div>
    </>
  );
}
