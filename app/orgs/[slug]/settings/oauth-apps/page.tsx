import type { Metadata } from "next";
import { requireOrg } from "@/lib/auth/session";
import { canOpen, PAGES } from "@/components/dashboard/nav";
import { appUrl } from "@/lib/config/app";
import { listOAuthClients } from "@/lib/oauth/clients";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { NoAccess } from "@/components/dashboard/no-access";
import { formatWhen } from "@/components/keys/format";
import { ConfirmButton } from "../members/member-forms";
import { clientStateAction, createClientAction, rotateClientAction } from "./actions";
import { CreateClientForm, RotateForm } from "./client-forms";

export const metadata: Metadata = { title: "OAuth apps" };

export default async function OAuthAppsPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireOrg(slug);
  if (!canOpen(ctx.role, PAGES.oauthApps)) return <NoAccess what="OAuth apps" />;
  const clients = await listOAuthClients(ctx.org.id);
  return (
    <>
      <PageHeader
        title="OAuth apps"
        description="Machine clients exchange a client ID and secret for an access token that lasts an hour (client-credentials grant). An app acts as the admin who created it, with that person's role, narrowed to its scopes."
      />
      <div className="space-y-6">
        <Card title="Create an OAuth app">
          <CreateClientForm action={createClientAction.bind(null, slug)} />
        </Card>
        <Card title="Getting a token">
          <pre
            tabIndex={0}
            className="overflow-x-auto rounded-lg bg-slate-900 p-4 text-xs text-slate-100"
          >{`curl -X POST ${appUrl()}/oauth/token \\\n  -d grant_type=client_credentials \\\n  -d client_id=YOUR_CLIENT_ID -d client_secret=YOUR_CLIENT_SECRET`}</pre>
        </Card>
        <Card title={`Apps (${clients.length})`}>
          {clients.length === 0 ? (
            <EmptyState title="No OAuth apps yet">Create one above for a server that should not hold a long-lived API key.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" aria-label="OAuth apps">
              {clients.map((c) => (
                <li key={c.id} className="space-y-3 py-4" data-testid="client-row" data-name={c.name}>
                  <div className="flex flex-wrap items-start justify-between gap-3">
                    <div>
                      <p className="flex items-center gap-2 text-sm font-medium">
                        {c.name} <Badge tone={c.disabledAt ? "amber" : "green"}>{c.disabledAt ? "Disabled" : "Active"}</Badge>
                      </p>
                      <p className="mt-1 text-xs text-slate-500">
                        <span className="font-mono">{c.clientId}</span> · secret <span className="font-mono">{c.secretHint}</span> ·{" "}
                        {c.scopes.join(", ")} · acts as {c.user.email} · last used {formatWhen(c.lastUsedAt)}
                      </p>
                    </div>
                    <div className="flex flex-wrap gap-2">
                      {c.disabledAt ? (
                        <ConfirmButton
                          action={clientStateAction.bind(null, slug, c.id, "enable")}
                          label="Enable"
                          variant="secondary"
                          confirm={`Enable "${c.name}"?`}
                        />
                      ) : (
                        <ConfirmButton
                          action={clientStateAction.bind(null, slug, c.id, "disable")}
                          label="Disable"
                          variant="secondary"
                          confirm={`Disable "${c.name}"? Its tokens stop working at once.`}
                        />
                      )}
                      <ConfirmButton
                        action={clientStateAction.bind(null, slug, c.id, "delete")}
                        label="Delete"
                        confirm={`Delete "${c.name}"? This is permanent.`}
                      />
                    </div>
                  </div>
                  <RotateForm action={rotateClientAction.bind(null, slug, c.id)} name={c.name} />
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
