import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listDownloadTokensPage, TOKEN_SOURCES, TOKEN_STATUSES, type TokenFilter, type TokenStatus } from "@/lib/downloads/list";
import { productChoices } from "@/lib/products/choices";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { ActionButton } from "@/components/ui/action-form";
import { buttonClass } from "@/components/ui/button-class";
import { FilterLabel, FilterSelect, filterControl } from "@/components/ui/filter-select";
import { NextPageLink, pageCursor } from "@/components/products/next-page";
import { formatWhen } from "@/components/keys/format";
import { revokeTokenAction } from "../products/actions";
import { canOpen, PAGES } from "@/components/dashboard/nav";
import { NoAccess } from "@/components/dashboard/no-access";

export const metadata: Metadata = { title: "Download tokens" };

const STATUS: Record<TokenStatus, { label: string; tone: "green" | "amber" | "red" | "slate" }> = {
  live: { label: "Live", tone: "green" },
  expired: { label: "Expired", tone: "amber" },
  revoked: { label: "Revoked", tone: "red" },
  exhausted: { label: "Used up", tone: "slate" },
};
const SOURCE: Record<string, string> = {
  portal: "Buyer portal (/my)",
  test: "Test download",
  api: "API",
  dashboard: "Dashboard",
  email: "Delivery email",
};

export default async function DownloadTokensPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<TokenFilter & { cursor?: string }>;
}) {
  const { slug } = await params;
  const { cursor, ...raw } = await searchParams;
  const filter: TokenFilter = {
    status: raw.status || undefined,
    source: raw.source || undefined,
    product: raw.product || undefined,
    email: raw.email || undefined,
  };
  const ctx = await requireOrg(slug);
  if (!canOpen(ctx.role, PAGES.downloads)) return <NoAccess what="download tokens" />;
  const [{ tokens, nextCursor }, products] = await Promise.all([
    listDownloadTokensPage(ctx.org.id, { limit: 100, cursor: pageCursor(cursor), filter }),
    productChoices(ctx.org.id),
  ]);
  const canRevoke = can(ctx.role, "catalog.write");
  const filtered = Object.values(filter).some(Boolean);
  return (
    <>
      <PageHeader
        title="Download tokens"
        description="Links minted from the dashboard, the API and the buyer portal, with their usage. The links themselves are never stored."
      />
      <Card>
        {/* Keyed by the filter: after "Clear" (a client navigation) the selects show the new URL, not what was picked before. */}
        <form
          key={JSON.stringify(filter)}
          className="mb-4 grid gap-3 sm:grid-cols-2 lg:grid-cols-5 lg:items-end"
          aria-label="Filter download tokens"
        >
          <FilterSelect id="tokens-status" name="status" label="Status" value={filter.status} anyLabel="Any status">
            {TOKEN_STATUSES.map((s) => (
              <option key={s} value={s}>
                {STATUS[s].label}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect id="tokens-source" name="source" label="Source" value={filter.source} anyLabel="Any source">
            {TOKEN_SOURCES.map((s) => (
              <option key={s} value={s}>
                {SOURCE[s]}
              </option>
            ))}
          </FilterSelect>
          <FilterSelect id="tokens-product" name="product" label="Product" value={filter.product} anyLabel="Any product">
            {products.map((p) => (
              <option key={p.slug} value={p.slug}>
                {p.name}
              </option>
            ))}
          </FilterSelect>
          <div>
            <FilterLabel htmlFor="tokens-email">Customer email</FilterLabel>
            <input
              id="tokens-email"
              name="email"
              type="search"
              defaultValue={filter.email ?? ""}
              placeholder="Any part"
              className={filterControl}
            />
          </div>
          <div className="flex gap-2">
            <button type="submit" className={buttonClass("secondary")}>
              Filter
            </button>
            <Link href={`/orgs/${slug}/downloads`} className={buttonClass("ghost")}>
              Clear
            </Link>
          </div>
        </form>
        {tokens.length === 0 ? (
          <EmptyState title={filtered ? "No download tokens match these filters" : "No download tokens yet"}>
            {filtered ? null : "Generate one from a product page, or with POST /api/generate-download-url."}
          </EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs text-slate-500 uppercase">
                <tr>
                  <th className="py-2 pr-3 font-medium">Product</th>
                  <th className="py-2 pr-3 font-medium">Customer</th>
                  <th className="py-2 pr-3 font-medium">Downloads</th>
                  <th className="py-2 pr-3 font-medium">Last used</th>
                  <th className="py-2 pr-3 font-medium">Status</th>
                  <th className="py-2 font-medium">
                    <span className="sr-only">Actions</span>
                  </th>
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tokens.map((t) => (
                  <tr key={t.id} data-testid="token-row" data-status={t.status}>
                    <td className="py-2 pr-3 align-top">
                      {t.version.product.name} <span className="text-slate-500">v{t.version.version}</span>
                      <span className="block text-xs text-slate-500">
                        {SOURCE[t.source] ?? t.source} · {formatWhen(t.createdAt)}
                      </span>
                    </td>
                    <td className="py-2 pr-3 align-top">
                      {t.customerName && <span className="block">{t.customerName}</span>}
                      <span className={t.customerName ? "block text-xs text-slate-500" : ""}>
                        {t.customerEmail ?? (t.customerName ? "" : "—")}
                      </span>
                      {t.note && (
                        <span className="block max-w-xs text-xs break-words text-slate-500" data-testid="token-note">
                          Note: {t.note}
                        </span>
                      )}
                    </td>
                    <td className="py-2 pr-3 align-top">
                      {t.downloadCount}
                      {t.maxDownloads !== null ? ` (limit ${t.maxDownloads} per file)` : ""}
                    </td>
                    <td className="py-2 pr-3 align-top text-slate-500">{formatWhen(t.lastUsedAt)}</td>
                    <td className="py-2 pr-3 align-top whitespace-nowrap">
                      <Badge tone={STATUS[t.status].tone}>{STATUS[t.status].label}</Badge>
                      <span className="block text-xs text-slate-500">
                        {t.status === "revoked"
                          ? formatWhen(t.revokedAt)
                          : t.status === "expired"
                            ? formatWhen(t.expiresAt)
                            : `until ${formatWhen(t.expiresAt)}`}
                      </span>
                    </td>
                    <td className="py-2 align-top">
                      {t.status === "live" && canRevoke && (
                        <ActionButton
                          action={revokeTokenAction.bind(null, slug, t.id)}
                          label="Revoke"
                          variant="danger"
                          success="Download token revoked"
                          ariaLabel={`Revoke token for ${t.version.product.name} v${t.version.version}`}
                          confirm={{
                            title: `Revoke the download token for ${t.version.product.name} v${t.version.version}${
                              t.customerEmail ? ` (${t.customerEmail})` : ""
                            }?`,
                            body: "Its download link stops working at once, also for downloads not yet started. This cannot be undone.",
                            confirmLabel: "Revoke token",
                          }}
                        />
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
        <NextPageLink path={`/orgs/${slug}/downloads`} params={{ ...filter }} cursor={nextCursor} />
      </Card>
    </>
  );
}
