import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { roleLabel } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { PERIODS, periodKey, periodStart } from "@/lib/overview/days";
import { callsByDay, totalOf } from "@/lib/overview/usage";
import { downloadsByDay, purchasesByDay } from "@/lib/overview/sales";
import { gettingStarted } from "@/lib/overview/checklist";
import { requestVisibility } from "@/lib/request-log/visibility";
import { Card, PageHeader } from "@/components/ui/card";
import { DailyChart } from "@/components/overview/daily-chart";
import { OUTCOME_SERIES } from "@/components/overview/series";
import { Checklist } from "@/components/overview/checklist";
import { ConfirmButton } from "./settings/members/member-forms";
import { removeMemberAction } from "./settings/members/actions";

export const metadata: Metadata = { title: "Overview" };

const SALES_SERIES = [
  { key: "purchases", label: "Purchases", color: "#6366f1" },
  { key: "downloads", label: "Downloads", color: "#0ea5e9" },
];

export default async function OrgOverview({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ period?: string }>;
}) {
  const { slug } = await params;
  const ctx = await requireOrg(slug);
  const period = periodKey((await searchParams).period);
  const days = PERIODS[period];
  const from = periodStart(days);
  const catalog = can(ctx.role, "catalog.read");
  const ownCalls = !can(ctx.role, "requests.all");
  const [calls, purchases, downloads, steps, memberCount] = await Promise.all([
    callsByDay(requestVisibility(ctx.org.id, ctx.user.id, ctx.role), from, days),
    catalog ? purchasesByDay(ctx.org.id, from, days) : [],
    catalog ? downloadsByDay(ctx.org.id, from, days) : [],
    gettingStarted(ctx.org.id, ctx.user.id, ctx.role),
    db.membership.count({ where: { orgId: ctx.org.id } }),
  ]);
  const outcome = totalOf(calls);
  const callTotal = outcome["2xx"] + outcome["4xx"] + outcome["429"] + outcome["5xx"];
  const sum = (xs: { count: number }[]) => xs.reduce((n, x) => n + x.count, 0);
  const sales = purchases.map((p, i) => ({ day: p.day, purchases: p.count, downloads: downloads[i]?.count ?? 0 }));
  const manage = can(ctx.role, "members.manage");

  return (
    <>
      <PageHeader
        title={ctx.org.name}
        description={`You are ${ctx.role === "member" ? "a" : "an"} ${roleLabel[ctx.role].toLowerCase()} of this organisation · ${memberCount} ${memberCount === 1 ? "member" : "members"}.`}
        actions={
          <nav aria-label="Period" className="inline-flex rounded-lg bg-white p-0.5 text-sm ring-1 ring-slate-200">
            {(Object.keys(PERIODS) as (keyof typeof PERIODS)[]).map((k) => (
              <Link
                key={k}
                href={k === "7d" ? `/orgs/${slug}` : `/orgs/${slug}?period=${k}`}
                aria-current={k === period ? "page" : undefined}
                className={`rounded-md px-3 py-1 font-medium ${k === period ? "bg-indigo-600 text-white" : "text-slate-700 hover:bg-slate-100"}`}
              >
                Last {PERIODS[k]} days
              </Link>
            ))}
          </nav>
        }
      />
      <div className="space-y-6">
        {steps.some((s) => !s.done) && <Checklist slug={slug} steps={steps} />}
        <dl className="grid gap-4 sm:grid-cols-3">
          {catalog && <Figure label="Purchases" value={sum(purchases)} testId="figure-purchases" />}
          {catalog && <Figure label="Downloads" value={sum(downloads)} testId="figure-downloads" />}
          <Figure
            label={ownCalls ? "Your API calls" : "API calls"}
            value={callTotal}
            testId="figure-calls"
            detail={OUTCOME_SERIES.map((s) => (
              <span key={s.key} data-testid={`figure-calls-${s.key}`} data-value={outcome[s.key as keyof typeof outcome]}>
                {outcome[s.key as keyof typeof outcome]} {s.label}
              </span>
            ))}
          />
        </dl>
        <div className="grid gap-6 lg:grid-cols-2">
          <Card title={ownCalls ? "Your API calls" : "API calls"} description={`Per day by outcome, last ${days} days (UTC).`}>
            <DailyChart data={calls} series={OUTCOME_SERIES} label={`API calls per day by outcome, last ${days} days`} />
          </Card>
          {catalog && (
            <Card title="Purchases and downloads" description={`Per day, last ${days} days (UTC).`}>
              <DailyChart data={sales} series={SALES_SERIES} stacked={false} label={`Purchases and downloads per day, last ${days} days`} />
            </Card>
          )}
        </div>
        {steps.every((s) => s.done) && <Checklist slug={slug} steps={steps} />}
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
    </>
  );
}

function Figure({ label, value, testId, detail }: { label: string; value: number; testId: string; detail?: React.ReactNode }) {
  return (
    <div className="rounded-xl bg-white px-5 py-4 shadow-xs ring-1 ring-slate-200">
      <dt className="text-sm text-slate-600">{label}</dt>
      <dd className="mt-1 text-3xl font-semibold tracking-tight text-slate-900" data-testid={testId} data-value={value}>
        {value.toLocaleString("en")}
      </dd>
      {detail && <dd className="mt-1 flex flex-wrap gap-x-3 text-xs text-slate-600">{detail}</dd>}
    </div>
  );
}
