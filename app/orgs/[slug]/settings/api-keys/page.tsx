import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/lib/auth/session";
import { canOpen, PAGES } from "@/components/dashboard/nav";
import { listKeys } from "@/lib/keys/manage";
import { keyState } from "@/lib/keys/state";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { NoAccess } from "@/components/dashboard/no-access";
import { formatWhen, stateLabel, stateTone } from "@/components/keys/format";
import { ConfirmButton } from "../members/member-forms";
import { createKeyAction, keySettingsAction, keyStateAction, rollKeyAction } from "./actions";
import { CreateKeyForm, KeyDetailsDialog } from "./key-forms";
import { KeyUsageChart, KEY_USAGE_DAYS } from "@/components/keys/key-usage-chart";
import { callsByKeyAndDay } from "@/lib/overview/usage";
import { periodStart } from "@/lib/overview/days";
import { rolesOf } from "@/lib/auth/usable-scopes";
import { roleLabel, scopesForRole } from "@/lib/auth/permissions";
import { expiryDay } from "@/lib/keys/settings-form";
import { SCOPES } from "@/lib/keys/scopes";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ show?: string }>;
}) {
  const { slug } = await params;
  const ctx = await requireOrg(slug);
  if (!canOpen(ctx.role, PAGES.apiKeys)) return <NoAccess what="the organisation's API keys" />;
  // Revoked keys stay findable (who had what, until when) but out of the way by default.
  const showRevoked = (await searchParams).show === "revoked";
  const keys = await listKeys(ctx.org.id, { includeRevoked: showRevoked });
  const roles = await rolesOf(
    ctx.org.id,
    keys.map((k) => k.user.id),
  );
  const usage = await callsByKeyAndDay(
    ctx.org.id,
    keys.map((k) => k.id),
    periodStart(KEY_USAGE_DAYS),
    KEY_USAGE_DAYS,
  );
  return (
    <>
      <PageHeader
        title="API keys"
        description="Named keys for integrations, plus every member's personal key. Disable a key to pause it; revoke it to end it for good."
      />
      <div className="space-y-6">
        <Card
          title="Create an integration key"
          description="One key per integration: you can disable one without disrupting the others. The key acts as you."
        >
          <CreateKeyForm action={createKeyAction.bind(null, slug)} />
        </Card>
        <Card title={`Keys (${keys.length})`}>
          <p className="mb-2 text-sm">
            <Link
              href={showRevoked ? `/orgs/${slug}/settings/api-keys` : `/orgs/${slug}/settings/api-keys?show=revoked`}
              className="text-indigo-700 hover:underline"
            >
              {showRevoked ? "Hide revoked keys" : "Show revoked keys"}
            </Link>
          </p>
          {keys.length === 0 ? (
            <EmptyState title="No API keys yet">Create one above, or mint your personal key under Settings → API Key.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100" aria-label="API keys">
              {keys.map((k) => {
                const state = keyState(k);
                const live = state === "active" || state === "disabled";
                const role = roles.get(k.user.id);
                const grantable = scopesForRole(role);
                return (
                  <li key={k.id} className="space-y-3 py-4" data-testid="key-row" data-name={k.name}>
                    <div className="flex flex-wrap items-start justify-between gap-3">
                      <div className="min-w-0">
                        <p className="flex flex-wrap items-center gap-2 text-sm font-medium text-slate-900">
                          {k.name}
                          <Badge tone={stateTone[state]}>{stateLabel[state]}</Badge>
                          <Badge>{k.kind === "personal" ? `Personal · ${k.user.email}` : "Integration"}</Badge>
                        </p>
                        <p className="mt-1 text-xs text-slate-500">
                          <span className="font-mono">{k.hint}</span> · {k.scopes.join(", ")} · created by {k.createdBy.email}{" "}
                          {formatWhen(k.createdAt)} · last used {formatWhen(k.lastUsedAt)}
                          {k.lastUsedIp ? ` from ${k.lastUsedIp}` : ""}
                          {k.expiresAt ? ` · ${state === "expired" ? "expired" : "expires"} ${formatWhen(k.expiresAt)}` : ""}
                          {k.rateLimitPerMinute ? ` · ${k.rateLimitPerMinute}/min` : ""}
                        </p>
                      </div>
                      <div className="flex flex-wrap gap-2">
                        <KeyDetailsDialog
                          details={{
                            id: k.id,
                            name: k.name,
                            kind: k.kind,
                            hint: k.hint,
                            scopes: k.scopes,
                            owner: k.user.email,
                            createdBy: k.createdBy.email,
                            created: formatWhen(k.createdAt),
                            lastUsed: `${formatWhen(k.lastUsedAt)}${k.lastUsedIp ? ` from ${k.lastUsedIp}` : ""}`,
                            expires: k.expiresAt ? formatWhen(k.expiresAt) : null,
                            expiresOn: expiryDay(k.expiresAt),
                            grantable,
                            grantableNote:
                              grantable.length < SCOPES.length
                                ? `This key acts as ${k.user.email}, ${role ? `a ${roleLabel[role].toLowerCase()}` : "no longer a member"}: it can hold ${grantable.join(", ") || "no scopes"}.`
                                : undefined,
                            rateLimitPerMinute: k.rateLimitPerMinute,
                            live,
                          }}
                          settingsAction={keySettingsAction.bind(null, slug, k.id)}
                          rollAction={k.kind === "integration" ? rollKeyAction.bind(null, slug, k.id) : undefined}
                        />
                        {state === "active" && (
                          <ConfirmButton
                            action={keyStateAction.bind(null, slug, k.id, "disable")}
                            label="Disable"
                            variant="secondary"
                            confirm={`Disable "${k.name}"? It will answer 403 until enabled.`}
                          />
                        )}
                        {state === "disabled" && (
                          <ConfirmButton
                            action={keyStateAction.bind(null, slug, k.id, "enable")}
                            label="Enable"
                            variant="secondary"
                            confirm={`Enable "${k.name}"?`}
                          />
                        )}
                        {state !== "revoked" && (
                          <ConfirmButton
                            action={keyStateAction.bind(null, slug, k.id, "revoke")}
                            label="Revoke"
                            confirm={`Revoke "${k.name}"? This is permanent.`}
                          />
                        )}
                      </div>
                    </div>
                    <KeyUsageChart usage={usage.get(k.id) ?? []} requestsHref={`/orgs/${slug}/requests?key=${k.id}&range=30d`} />
                  </li>
                );
              })}
            </ul>
          )}
        </Card>
      </div>
    </>
  );
}
