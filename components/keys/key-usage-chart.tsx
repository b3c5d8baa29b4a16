import Link from "next/link";
import type { OutcomeDay } from "@/lib/overview/usage";
import { totalOf } from "@/lib/overview/usage";
import { DailyChart } from "@/components/overview/daily-chart";
import { OUTCOME_SERIES } from "@/components/overview/series";

/** Days of usage shown on each key (the request history's longest range, so "View requests" shows the same calls). */
export const KEY_USAGE_DAYS = 30;

/** One key's requests over the last days by outcome, with a link to those requests in the history. */
export function KeyUsageChart({
  usage,
  requestsHref,
  days = KEY_USAGE_DAYS,
}: {
  usage: OutcomeDay[];
  requestsHref: string;
  days?: number;
}) {
  const t = totalOf(usage);
  const total = t["2xx"] + t["4xx"] + t["429"] + t["5xx"];
  return (
    <div className="rounded-lg bg-slate-50 px-3 py-2 ring-1 ring-slate-100" data-testid="key-usage" data-total={total}>
      <div className="flex flex-wrap items-center justify-between gap-2 text-xs text-slate-600">
        <p>
          <span className="font-medium text-slate-900">{total}</span> request{total === 1 ? "" : "s"} in {days} days
          {total > 0 && <span> · {OUTCOME_SERIES.map((s) => `${t[s.key as keyof typeof t]} ${s.label}`).join(" · ")}</span>}
        </p>
        <Link href={requestsHref} className="font-medium text-indigo-700 hover:underline">
          View requests
        </Link>
      </div>
      {total > 0 && (
        <DailyChart data={usage} series={OUTCOME_SERIES} label={`Requests per day by outcome, ${days} days`} height="h-24" legend={false} />
      )}
    </div>
  );
}
