import type { Metadata } from "next";
import { requireOrg } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listDeliveriesPage, listWebhookEndpoints, serializeDelivery, serializeEndpoint } from "@/lib/webhooks/manage";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { ActionButton } from "@/components/ui/action-form";
import { NoAccess } from "@/components/dashboard/no-access";
import { formatWhen } from "@/components/keys/format";
import { ConfirmButton } from "../members/member-forms";
import { createEndpointAction, endpointAction, resendAction, rotateSecretAction } from "./actions";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { CreateEndpointForm, RotateSecretForm } from "./endpoint-forms";

export const metadata: Metadata = { title: "Webhooks" };

const RECENT = 20;
const stateTone = { active: "green", disabled: "amber", failing: "red" } as const;
const statusTone = { pending: "amber", succeeded: "green", failed: "red" } as const;

export default async function WebhooksPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireOrg(slug);
  if (!can(ctx.role, "keys.manage")) return <NoAccess what="webhooks" />;
  const endpoints = await listWebhookEndpoints(ctx.org.id);
  const withDeliveries = await Promise.all(
    endpoints.map(async (e) => ({
      endpoint: serializeEndpoint(e),
      deliveries: (await listDeliveriesPage(ctx.org.id, e.id, { limit: RECENT })).deliveries.map(serializeDelivery),
    })),
  );
  const pending = withDeliveries.some((w) => w.deliveries.some((d) => d.status === "pending" && d.attempts === 0));
  return (
    <>
      <PageHeader
        title="Webhooks"
        description="Your servers hear about purchases, revocations, first downloads, new versions and revoked keys as they happen. Every message is signed per Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature) and retried for about a day; it may arrive more than once, so drop repeats by webhook-id."
      />
      <RefreshWhile active={pending} />
      <div className="space-y-6">
        <Card title="Add an endpoint">
          <CreateEndpointForm action={createEndpointAction.bind(null, slug)} />
        </Card>
        {withDeliveries.length === 0 ? (
          <Card>
            <EmptyState title="No endpoints yet">Add one above; its signing secret is shown once.</EmptyState>
          </Card>
        ) : (
          withDeliveries.map(({ endpoint: e, deliveries }) => (
            <Card
              key={e.id}
              title={e.description ?? e.url}
              description={
                <span className="space-x-2">
                  <span className="font-mono break-all">{e.url}</span>
                  <Badge tone={stateTone[e.state]}>{e.state[0].toUpperCase() + e.state.slice(1)}</Badge>
                </span>
              }
            >
              <div className="space-y-4" data-testid="webhook-endpoint" data-url={e.url}>
                {e.state === "failing" && (
                  <p className="rounded-lg bg-red-50 p-3 text-sm text-red-800" role="status">
                    Failing since {formatWhen(new Date(e.failingSince!))}: {e.failingReason}
                  </p>
                )}
                <p className="text-xs text-slate-500">
                  Events: <span className="font-mono">{e.events.join(", ")}</span>
                  {e.previousSecretExpiresAt && (
                    <> · the previous secret also signs until {formatWhen(new Date(e.previousSecretExpiresAt))}</>
                  )}
                </p>
                <div className="flex flex-wrap gap-2">
                  <ActionButton action={endpointAction.bind(null, slug, e.id, "test")} label="Send test event" />
                  {e.state === "disabled" ? (
                    <ActionButton action={endpointAction.bind(null, slug, e.id, "enable")} label="Enable" />
                  ) : (
                    <ConfirmButton
                      action={endpointAction.bind(null, slug, e.id, "disable")}
                      label="Disable"
                      variant="secondary"
                      confirm={{
                        title: "Disable this endpoint?",
                        body: "New events are not sent to it until you enable it again.",
                        confirmLabel: "Disable",
                      }}
                    />
                  )}
                  <ConfirmButton
                    action={endpointAction.bind(null, slug, e.id, "delete")}
                    label="Delete"
                    confirm={{
                      title: "Delete this endpoint?",
                      body: "Its delivery history goes too, and queued deliveries are dropped.",
                      confirmLabel: "Delete endpoint",
                    }}
                  />
                </div>
                <RotateSecretForm action={rotateSecretAction.bind(null, slug, e.id)} url={e.url} />
                <DeliveryTable slug={slug} endpointId={e.id} deliveries={deliveries} />
              </div>
            </Card>
          ))
        )}
      </div>
    </>
  );
}

function DeliveryTable({
  slug,
  endpointId,
  deliveries,
}: {
  slug: string;
  endpointId: string;
  deliveries: ReturnType<typeof serializeDelivery>[];
}) {
  if (!deliveries.length) return <p className="text-sm text-slate-500">No deliveries yet. Send a test event to try the endpoint.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" aria-label="Recent deliveries">
        <thead className="text-xs text-slate-500">
          <tr>
            <th className="py-2 pr-3 font-medium">Event</th>
            <th className="py-2 pr-3 font-medium">Status</th>
            <th className="py-2 pr-3 font-medium">Attempts</th>
            <th className="py-2 pr-3 font-medium">Response</th>
            <th className="py-2 pr-3 font-medium">Last attempt</th>
            <th className="py-2 font-medium">
              <span className="sr-only">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {deliveries.map((d) => (
            <tr key={d.id} data-testid="delivery-row" data-event={d.eventType} data-status={d.status} className="align-top">
              <td className="py-2 pr-3">
                <span className="font-mono text-xs">{d.eventType}</span>
                <span className="block font-mono text-[11px] text-slate-400">{d.eventId}</span>
              </td>
              <td className="py-2 pr-3">
                <Badge tone={statusTone[d.status]}>{d.status}</Badge>
                {d.status === "pending" && d.attempts > 0 && d.nextAttemptAt && (
                  <span className="block text-xs text-slate-500">next try {formatWhen(new Date(d.nextAttemptAt))}</span>
                )}
              </td>
              <td className="py-2 pr-3 tabular-nums">{d.attempts}</td>
              <td className="max-w-xs py-2 pr-3 text-xs">
                {d.responseStatus !== null && <span className="font-mono">{d.responseStatus}</span>}
                {d.responseMs !== null && <span className="text-slate-500"> · {d.responseMs} ms</span>}
                {d.error && <span className="block text-red-700">{d.error}</span>}
                {d.responseExcerpt && (
                  <code className="mt-1 block truncate text-slate-500" title={d.responseExcerpt}>
                    {d.responseExcerpt.slice(0, 200)}
                  </code>
                )}
              </td>
              <td className="py-2 pr-3 text-xs text-slate-500">{formatWhen(d.lastAttemptAt ? new Date(d.lastAttemptAt) : null)}</td>
              <td className="py-2 text-right">
                {d.status !== "pending" && (
                  <ConfirmButton
                    action={resendAction.bind(null, slug, endpointId, d.id)}
                    label="Resend"
                    variant="secondary"
                    confirm={{
                      title: `Send ${d.eventType} again?`,
                      body: "It goes out with the same webhook-id; a receiver that already handled it should ignore it.",
                      confirmLabel: "Resend",
                    }}
                  />
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
