import type { Metadata } from "next";
import { requireOrg } from "@/lib/auth/session";
import { currentPersonalKey, personalKeysInGrace } from "@/lib/keys/manage";
import { keyState } from "@/lib/keys/state";
import { Badge, Card, Notice, PageHeader } from "@/components/ui/card";
import { formatWhen, stateLabel, stateTone } from "@/components/keys/format";
import { appUrl } from "@/lib/config/app";
import { personalKeySettingsAction, refreshKeyAction } from "./actions";
import { PersonalKeySettings } from "./personal-key-settings";
import { roleLabel, scopesForRole } from "@/lib/auth/permissions";
import { expiryDay } from "@/lib/keys/settings-form";
import { PersonalKeyPanel } from "./personal-key-panel";
import { canOpen, PAGES } from "@/components/dashboard/nav";
import { NoAccess } from "@/components/dashboard/no-access";
import { KeyUsageChart, KEY_USAGE_DAYS } from "@/components/keys/key-usage-chart";
import { callsByKeyAndDay } from "@/lib/overview/usage";
import { periodStart } from "@/lib/overview/days";

export const metadata: Metadata = { title: "API key" };

export default async function PersonalKeyPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireOrg(slug);
  if (!canOpen(ctx.role, PAGES.apiKey)) return <NoAccess what="a personal API key" />;
  const [key, rolling] = await Promise.all([currentPersonalKey(ctx.org.id, ctx.user.id), personalKeysInGrace(ctx.org.id, ctx.user.id)]);
  // Scopes and expiry change while the key works; an expired key is replaced by refreshing.
  const settable = key && (keyState(key) === "active" || keyState(key) === "disabled");
  const usage = key ? (await callsByKeyAndDay(ctx.org.id, [key.id], periodStart(KEY_USAGE_DAYS), KEY_USAGE_DAYS)).get(key.id) : undefined;
  return (
    <>
      <PageHeader
        title="API key"
        description={`Your personal key for ${ctx.org.name}. It acts as you, with your role, in this organisation only.`}
      />
      <div className="space-y-6">
        {rolling.map((old) => (
          <Notice key={old.id} tone="info">
            Your previous key <span className="font-mono">{old.hint}</span> still works until {formatWhen(old.expiresAt)}. Update the
            systems that use it before then.
          </Notice>
        ))}
        <Card title="Personal key" actions={key ? <Badge tone={stateTone[keyState(key)]}>{stateLabel[keyState(key)]}</Badge> : undefined}>
          {key ? (
            <dl className="mb-5 grid gap-3 text-sm sm:grid-cols-3 lg:grid-cols-5">
              <div>
                <dt className="text-slate-500">Key</dt>
                <dd className="font-mono" data-testid="key-hint">
                  {key.hint}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Scopes</dt>
                <dd data-testid="key-scopes">{key.scopes.join(", ")}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Created</dt>
                <dd>{formatWhen(key.createdAt)}</dd>
              </div>
              <div>
                <dt className="text-slate-500">Last used</dt>
                <dd>
                  {formatWhen(key.lastUsedAt)}
                  {key.lastUsedIp ? ` from ${key.lastUsedIp}` : ""}
                </dd>
              </div>
              <div>
                <dt className="text-slate-500">Expires</dt>
                <dd data-testid="key-expires">{formatWhen(key.expiresAt)}</dd>
              </div>
            </dl>
          ) : (
            <p className="mb-5 text-sm text-slate-600">
              You have no API key in this organisation yet. Create one to call the API from your server or storefront.
            </p>
          )}
          <PersonalKeyPanel action={refreshKeyAction.bind(null, slug, key?.id ?? null)} hasKey={!!key} />
        </Card>
        {key && settable && (
          <Card title="Key settings" description="Narrow what the key can do, or give it an end date.">
            <PersonalKeySettings
              key={key.id}
              action={personalKeySettingsAction.bind(null, slug, key.id)}
              scopes={key.scopes}
              grantable={scopesForRole(ctx.role)}
              expiresOn={expiryDay(key.expiresAt)}
              roleNote={`Admin implies write implies read. Your role (${roleLabel[ctx.role]}) lets your key hold ${scopesForRole(ctx.role).join(", ")}.`}
            />
          </Card>
        )}
        {key && usage && (
          <Card title="Usage">
            <KeyUsageChart usage={usage} requestsHref={`/orgs/${slug}/requests?key=${key.id}&range=30d`} />
          </Card>
        )}
        <Card title="Using the key">
          <pre tabIndex={0} className="overflow-x-auto rounded-lg bg-slate-900 p-4 text-xs text-slate-100">
            {`curl ${appUrl()}/api/whoami \\\n  -H "Authorization: Bearer ct_your_api_key_here"`}
          </pre>
          <p className="mt-3 text-sm text-slate-600">
            Every operation, with its parameters, answers and curl examples, is in the{" "}
            <a href="/docs" className="font-medium text-indigo-700 underline hover:text-indigo-900">
              API reference
            </a>
            .
          </p>
          <p className="mt-3 text-sm text-slate-500">
            Refreshing invalidates the previous key immediately unless you choose a grace period. Update every system that holds the old
            key.
          </p>
        </Card>
      </div>
    </>
  );
}
