import type { Metadata } from "next";
import { requireOrg } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { dashboardActor } from "@/lib/auth/dashboard-actor";
import { db } from "@/lib/db/client";
import { getStripeState, STRIPE_PERMISSION } from "@/lib/integrations/stripe/connection";
import type { StripeEventOutcome } from "@/lib/integrations/stripe/schemas";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { NoAccess } from "@/components/dashboard/no-access";
import { formatWhen } from "@/components/keys/format";
import { ConfirmButton } from "../../members/member-forms";
import { connectAction, disconnectAction, mapAction, unmapAction } from "./actions";
import { MappingForm, SecretForm, WebhookUrl } from "./stripe-forms";

export const metadata: Metadata = { title: "Stripe" };

const outcomeTone: Record<StripeEventOutcome, "green" | "slate" | "red" | "amber"> = {
  recorded: "green",
  ignored: "slate",
  failed: "red",
  processing: "amber",
};

export default async function StripeIntegrationPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireOrg(slug);
  if (!can(ctx.role, STRIPE_PERMISSION)) return <NoAccess what="the Stripe integration" />;
  const [state, products] = await Promise.all([
    getStripeState(await dashboardActor(ctx.user.id), ctx.org.id),
    db.product.findMany({
      where: { orgId: ctx.org.id, status: { not: "archived" } },
      orderBy: { name: "asc" },
      select: { slug: true, name: true },
    }),
  ]);
  return (
    <>
      <PageHeader
        title="Stripe"
        description="Sales in Stripe Checkout or Payment Links become purchases here, and the buyer gets the delivery email. A full refund revokes the purchase and stops its download links."
      />
      <div className="space-y-6">
        <Card
          title="Connection"
          description="1. In Stripe → Developers → Webhooks, add an endpoint with this URL and the events checkout.session.completed, checkout.session.async_payment_succeeded and charge.refunded. 2. Paste its signing secret below."
          actions={<Badge tone={state.connected ? "green" : "slate"}>{state.connected ? "Connected" : "Not connected"}</Badge>}
        >
          <div className="space-y-4">
            <WebhookUrl url={state.webhookUrl} />
            {state.connected && (
              <p className="text-sm text-slate-600">
                Signing secret <span className="font-mono">{state.secretHint}</span> · connected {formatWhen(new Date(state.connectedAt!))}
              </p>
            )}
            <SecretForm action={connectAction.bind(null, slug)} connected={state.connected} />
            {state.connected && (
              <ConfirmButton
                action={disconnectAction.bind(null, slug)}
                label="Disconnect Stripe"
                confirm={{
                  title: "Disconnect Stripe?",
                  body: "The signing secret and this webhook URL are forgotten: Stripe's events are refused until you connect again with a new URL. Purchases already recorded stay.",
                  confirmLabel: "Disconnect",
                }}
              />
            )}
          </div>
        </Card>
        <Card
          title="Which product a sale delivers"
          description="Put metadata continuata_product = your product id (and optionally continuata_version) on the Checkout Session. Or map a Payment Link (plink_…) here; a price id (price_…) is matched only when the event carries line items, which Stripe leaves out of checkout events."
        >
          <div className="space-y-4">
            {state.mappings.length > 0 && (
              <ul className="divide-y divide-slate-100" aria-label="Stripe mappings">
                {state.mappings.map((m) => (
                  <li key={m.stripeId} className="flex flex-wrap items-center justify-between gap-3 py-2 text-sm" data-testid="mapping-row">
                    <span>
                      <span className="font-mono">{m.stripeId}</span> → {m.productName}{" "}
                      <span className="text-slate-500">({m.productId})</span> {m.version ? `version ${m.version}` : "active version"}
                    </span>
                    <ConfirmButton
                      action={unmapAction.bind(null, slug, m.stripeId)}
                      label="Remove"
                      confirm={{
                        title: `Remove the mapping of ${m.stripeId}?`,
                        body: "Sales through it then fail until it is mapped again.",
                        confirmLabel: "Remove",
                      }}
                    />
                  </li>
                ))}
              </ul>
            )}
            <MappingForm action={mapAction.bind(null, slug)} products={products} />
          </div>
        </Card>
        <Card
          title="Recent events"
          description="The latest 20 events Stripe sent with a valid signature, and what came of them. A failed event is processed again when you resend it from Stripe."
        >
          {state.events.length === 0 ? (
            <EmptyState title="No events yet">Send a test event from Stripe, or make a test purchase.</EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm" aria-label="Stripe events">
                <thead className="text-xs text-slate-500">
                  <tr>
                    <th className="py-2 pr-4 font-medium">Received</th>
                    <th className="py-2 pr-4 font-medium">Event</th>
                    <th className="py-2 pr-4 font-medium">Outcome</th>
                    <th className="py-2 pr-4 font-medium">Buyer</th>
                    <th className="py-2 font-medium">Details</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {state.events.map((e) => (
                    <tr key={e.id} data-testid="stripe-event" data-outcome={e.outcome}>
                      <td className="py-2 pr-4 whitespace-nowrap text-slate-500">{formatWhen(new Date(e.receivedAt))}</td>
                      <td className="py-2 pr-4">
                        <div>{e.type}</div>
                        <div className="font-mono text-xs text-slate-500">
                          {e.eventId}
                          {e.livemode ? "" : " · test"}
                        </div>
                      </td>
                      <td className="py-2 pr-4">
                        <Badge tone={outcomeTone[e.outcome]}>{e.outcome}</Badge>
                      </td>
                      <td className="py-2 pr-4">{e.email ?? "—"}</td>
                      <td className="py-2 text-slate-600">{e.reason ?? "—"}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </Card>
      </div>
    </>
  );
}
