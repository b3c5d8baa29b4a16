import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { appUrl } from "@/lib/config/app";
import { credentialChoices, credentialLabel } from "@/lib/request-log/credential-labels";
import { filterSchema, getRequest, listRequests, METHODS, requestsOverTime } from "@/lib/request-log/query";
import { requestVisibility } from "@/lib/request-log/visibility";
import { fillBuckets, RANGES, rangeKey } from "@/lib/request-log/ranges";
import { pretty, toCurl } from "@/lib/request-log/curl";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { buttonClass } from "@/components/ui/button-class";
import { TrafficChart } from "@/components/requests/traffic-chart";
import { CopyCurl } from "@/components/requests/copy-curl";
import { AppError } from "@/lib/errors";
import { canOpen, PAGES } from "@/components/dashboard/nav";
import { NoAccess } from "@/components/dashboard/no-access";

export const metadata: Metadata = { title: "Request history" };

type Search = Record<string, string | undefined>;

const statusTone = (s: number) => (s >= 500 ? "red" : s >= 400 ? "amber" : s >= 300 ? "indigo" : "green");
const time = (d: Date) => d.toISOString().replace("T", " ").slice(0, 19);

export default async function RequestHistoryPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<Search>;
}) {
  const { slug } = await params;
  const search = await searchParams;
  const ctx = await requireOrg(slug);
  if (!canOpen(ctx.role, PAGES.requests)) return <NoAccess what="the request history" />;
  const visibility = requestVisibility(ctx.org.id, ctx.user.id, ctx.role);
  const range = rangeKey(search.range);
  const to = new Date();
  const from = new Date(to.getTime() - RANGES[range].ms);
  const parsed = filterSchema.safeParse({
    status: search.status || undefined,
    method: search.method || undefined,
    path: search.path || undefined,
    key: search.key || undefined,
    requestId: search.requestId || undefined,
    cursor: search.cursor || undefined,
    from,
  });
  const filters = parsed.success ? parsed.data : filterSchema.parse({ from });
  const [{ requests, nextCursor }, buckets, keys, detail] = await Promise.all([
    listRequests(visibility, filters),
    requestsOverTime(visibility, { ...filters, cursor: undefined }, from, to, RANGES[range].bucketMinutes),
    credentialChoices(ctx.org.id, visibility.onlyUserId),
    search.id ? getRequest(visibility, search.id).catch((e) => (e instanceof AppError ? null : Promise.reject(e))) : null,
  ]);
  const chart = fillBuckets(buckets, from, to, RANGES[range].bucketMinutes, (bucket) => ({ bucket, s2: 0, s3: 0, s4: 0, s5: 0 })).map(
    (b) => ({
      label:
        range === "1h" || range === "24h" ? b.bucket.toISOString().slice(11, 16) : b.bucket.toISOString().slice(5, 13).replace("T", " "),
      "2xx": b.s2,
      "3xx": b.s3,
      "4xx": b.s4,
      "5xx": b.s5,
    }),
  );
  const keep = (extra: Search) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries({ ...search, ...extra })) if (v) q.set(k, v);
    return `?${q.toString()}`;
  };
  const labels = new Map(keys.map((k) => [k.id, k.label]));
  const filtered = Boolean(search.status || search.method || search.path || search.key || search.requestId);

  return (
    <>
      <PageHeader
        title="Request history"
        description={
          can(ctx.role, "requests.all")
            ? "Every API request made with this organisation's keys. Secrets are masked."
            : "Requests made with your own keys. Secrets are masked."
        }
      />
      <div className="space-y-6">
        <Card>
          <form className="grid gap-3 sm:grid-cols-3 lg:grid-cols-6" aria-label="Filter requests">
            <Filter label="Time range" name="range" value={range} options={Object.entries(RANGES).map(([k, r]) => [k, r.label])} />
            <Filter
              label="Status"
              name="status"
              value={search.status}
              options={[
                ["", "Any status"],
                ["2xx", "2xx"],
                ["3xx", "3xx"],
                ["4xx", "4xx"],
                ["5xx", "5xx"],
              ]}
            />
            <Filter
              label="Method"
              name="method"
              value={search.method}
              options={[["", "Any method"], ...METHODS.map((m) => [m, m] as [string, string])]}
            />
            <Filter
              label="Key or OAuth client"
              name="key"
              value={search.key}
              options={[["", "Any key or client"], ...keys.map((k) => [k.id, k.label] as [string, string])]}
            />
            <label className="text-sm">
              <span className="mb-1 block font-medium text-slate-700">Path contains</span>
              <input
                name="path"
                defaultValue={search.path}
                placeholder="/api/products"
                className="block w-full rounded-lg border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300"
              />
            </label>
            <label className="text-sm">
              <span className="mb-1 block font-medium text-slate-700">Request id</span>
              <input
                name="requestId"
                defaultValue={search.requestId}
                className="block w-full rounded-lg border-0 px-3 py-2 font-mono text-xs ring-1 ring-inset ring-slate-300"
              />
            </label>
            <div className="flex items-end gap-2 sm:col-span-3 lg:col-span-6">
              <button type="submit" className={buttonClass("primary")}>
                Apply filters
              </button>
              {filtered && (
                <Link href={`?range=${range}`} className={buttonClass("ghost")}>
                  Clear
                </Link>
              )}
            </div>
          </form>
          {!parsed.success && <p className="mt-3 text-sm text-red-600">Some filters were not understood and were ignored.</p>}
        </Card>

        <Card title="Requests over time">
          <TrafficChart data={chart} />
        </Card>

        {detail && (
          // A sheet over the list (full screen on a phone, a side panel on a desktop): the list stays where it was.
          <aside
            aria-label={`Request ${detail.method} ${detail.path}`}
            className="fixed inset-0 z-40 overflow-y-auto bg-white shadow-2xl ring-1 ring-slate-200 sm:inset-y-0 sm:right-0 sm:left-auto sm:w-[min(44rem,90vw)]"
            data-testid="request-sheet"
          >
            <div className="sticky top-0 z-10 flex items-start justify-between gap-3 border-b border-slate-100 bg-white px-5 py-4">
              <div className="min-w-0">
                {/* Long paths and ids wrap: on a phone an ellipsis would hide the part that tells requests apart. */}
                <h2 className="font-mono text-sm font-semibold break-all text-slate-900">
                  {detail.method} {detail.path}
                </h2>
                <p className="text-xs break-all text-slate-500">Request {detail.requestId}</p>
              </div>
              <Link href={keep({ id: undefined })} scroll={false} autoFocus className={buttonClass("secondary", "!px-2.5 !py-1")}>
                Close
              </Link>
            </div>
            <div className="px-5 py-4">
              <div className="space-y-4" data-testid="request-detail">
                <dl className="grid grid-cols-1 gap-3 text-sm sm:grid-cols-4">
                  <Item label="Status">
                    <Badge tone={statusTone(detail.status)}>{detail.status}</Badge>
                  </Item>
                  <Item label="Time">{time(detail.createdAt)} UTC</Item>
                  <Item label="Duration">{detail.durationMs} ms</Item>
                  <Item label="Key">{credentialLabel(labels, detail.keyId, detail.keyName)}</Item>
                  <Item label="IP">{detail.ip ?? "—"}</Item>
                  <Item label="User agent" wide>
                    {detail.userAgent ?? "—"}
                  </Item>
                  <Item label="Query" wide>
                    {detail.query ?? "—"}
                  </Item>
                </dl>
                <Section title="Request headers">{pretty(JSON.stringify(detail.requestHeaders ?? {}))}</Section>
                <Section title={`Request body${detail.requestBodyTruncated ? " (truncated)" : ""}`} testId="request-body">
                  {pretty(detail.requestBody) || "(empty)"}
                </Section>
                <Section title={`Response body${detail.responseBodyTruncated ? " (truncated)" : ""}`} testId="response-body">
                  {pretty(detail.responseBody) || "(empty)"}
                </Section>
                <div>
                  <h3 className="mb-2 text-sm font-semibold text-slate-900">Copy as curl</h3>
                  <CopyCurl command={toCurl(detail, appUrl())} />
                  <p className="mt-1 text-xs text-slate-500">The key is masked: put your own key in its place.</p>
                </div>
              </div>
            </div>
          </aside>
        )}

        <Card title="Requests" description="Newest first.">
          {requests.length === 0 ? (
            <EmptyState title={filtered ? "No requests match these filters" : "No requests yet"}>
              {filtered ? (
                "Try a wider time range or fewer filters."
              ) : (
                <>
                  Make your first call with an API key (Settings → API Key):
                  <pre
                    tabIndex={0}
                    className="mt-3 overflow-x-auto rounded-lg bg-slate-900 p-3 text-left text-xs text-slate-100"
                  >{`curl ${appUrl()}/api/whoami \\\n  -H "Authorization: Bearer ct_your_api_key_here"`}</pre>
                </>
              )}
            </EmptyState>
          ) : (
            <div className="overflow-x-auto">
              <table className="w-full text-left text-sm">
                <thead className="text-xs uppercase text-slate-500">
                  <tr>
                    <th className="py-2 pr-3 font-medium">Time (UTC)</th>
                    <th className="py-2 pr-3 font-medium">Status</th>
                    <th className="py-2 pr-3 font-medium">Request</th>
                    <th className="hidden py-2 pr-3 font-medium sm:table-cell">Duration</th>
                    <th className="hidden py-2 font-medium md:table-cell">Key</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {requests.map((r) => (
                    <tr
                      key={r.id}
                      data-testid="request-row"
                      className={`relative ${r.id === search.id ? "bg-indigo-50" : "hover:bg-slate-50"}`}
                    >
                      <td className="py-2 pr-3 whitespace-nowrap text-slate-500">
                        {/* The link covers the whole row (after:inset-0): a tap anywhere opens the detail, without scrolling. */}
                        <Link
                          href={keep({ id: r.id })}
                          scroll={false}
                          className="underline decoration-slate-300 after:absolute after:inset-0 hover:decoration-slate-600"
                        >
                          <span className="hidden sm:inline">{time(r.createdAt).slice(0, 11)}</span>
                          {time(r.createdAt).slice(11)}
                        </Link>
                      </td>
                      <td className="py-2 pr-3">
                        <Badge tone={statusTone(r.status)}>{r.status}</Badge>
                      </td>
                      <td className="max-w-[9rem] truncate py-2 pr-3 font-mono text-xs sm:max-w-xs" title={`${r.method} ${r.path}`}>
                        {r.method} {r.path}
                      </td>
                      <td className="hidden py-2 pr-3 text-slate-500 sm:table-cell">{r.durationMs} ms</td>
                      <td className="hidden py-2 text-slate-600 md:table-cell">{credentialLabel(labels, r.keyId, r.keyName)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
              {nextCursor && (
                <Link
                  href={keep({ cursor: nextCursor, id: undefined })}
                  className="mt-4 inline-block text-sm font-medium text-indigo-700 underline"
                >
                  Older requests
                </Link>
              )}
            </div>
          )}
        </Card>
      </div>
    </>
  );
}

function Filter({ label, name, value, options }: { label: string; name: string; value?: string; options: [string, string][] }) {
  return (
    <div className="text-sm">
      <label htmlFor={`filter-${name}`} className="mb-1 block font-medium text-slate-700">
        {label}
      </label>
      <select
        id={`filter-${name}`}
        name={name}
        defaultValue={value ?? ""}
        className="block w-full rounded-lg border-0 py-2 pl-3 pr-8 text-sm ring-1 ring-inset ring-slate-300"
      >
        {options.map(([v, l]) => (
          <option key={v} value={v}>
            {l}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A detail field; values wrap anywhere (a user agent or query can be one long word), never cut off. */
function Item({ label, wide, children }: { label: string; wide?: boolean; children: React.ReactNode }) {
  return (
    <div className={wide ? "min-w-0 sm:col-span-4" : "min-w-0"}>
      <dt className="text-slate-500">{label}</dt>
      <dd className="wrap-anywhere">{children}</dd>
    </div>
  );
}

function Section({ title, children, testId }: { title: string; children: string; testId?: string }) {
  return (
    <div>
      <h3 className="mb-2 text-sm font-semibold text-slate-900">{title}</h3>
      <pre
        tabIndex={0}
        className="max-h-96 overflow-auto rounded-lg bg-slate-50 p-3 font-mono text-xs whitespace-pre-wrap text-slate-800 ring-1 ring-slate-200 wrap-anywhere"
        data-testid={testId}
      >
        {children}
      </pre>
    </div>
  );
}
