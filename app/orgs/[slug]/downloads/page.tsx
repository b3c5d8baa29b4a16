import type { Metadata } from "next";
import { requireOrg } from "@/lib/auth/session";
import { isUsedUp, listDownloadTokens } from "@/lib/downloads/tokens";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { ActionButton } from "@/components/ui/action-form";
import { formatWhen } from "@/components/keys/format";
import { revokeTokenAction } from "../products/actions";

export const metadata: Metadata = { title: "Download tokens" };

export default async function DownloadTokensPage({ params }: { params: Promise<{ slug: string }> }) {
  const { slug } = await params;
  const ctx = await requireOrg(slug);
  const tokens = await listDownloadTokens(ctx.org.id);
  const now = new Date();
  return (
    <>
      <PageHeader
        title="Download tokens"
        description="Links minted from the dashboard, the API and the buyer portal, with their usage. The links themselves are never stored."
      />
      <Card>
        {tokens.length === 0 ? (
          <EmptyState title="No download tokens yet">Generate one from a product page, or with POST /api/generate-download-url.</EmptyState>
        ) : (
          <div className="overflow-x-auto">
            <table className="w-full text-left text-sm">
              <thead className="text-xs uppercase text-slate-500">
                <tr>
                  <th className="py-2 pr-3 font-medium">Product</th>
                  <th className="py-2 pr-3 font-medium">Customer</th>
                  <th className="py-2 pr-3 font-medium">Downloads</th>
                  <th className="py-2 pr-3 font-medium">Last used</th>
                  <th className="py-2 pr-3 font-medium">State</th>
                  <th className="py-2 font-medium" />
                </tr>
              </thead>
              <tbody className="divide-y divide-slate-100">
                {tokens.map((t) => {
                  const state = t.revokedAt ? "revoked" : t.expiresAt <= now ? "expired" : isUsedUp(t) ? "used up" : "live";
                  return (
                    <tr key={t.id} data-testid="token-row">
                      <td className="py-2 pr-3">
                        {t.version.product.name} <span className="text-slate-500">v{t.version.version}</span>
                        <span className="block text-xs text-slate-500">
                          {t.source} · {formatWhen(t.createdAt)}
                        </span>
                      </td>
                      <td className="py-2 pr-3">{t.customerEmail ?? "—"}</td>
                      <td className="py-2 pr-3">
                        {t.downloadCount}
                        {t.maxDownloads !== null ? ` (limit ${t.maxDownloads} per file)` : ""}
                      </td>
                      <td className="py-2 pr-3 text-slate-500">{formatWhen(t.lastUsedAt)}</td>
                      <td className="py-2 pr-3">
                        <Badge tone={state === "live" ? "green" : "slate"}>{state}</Badge>
                      </td>
                      <td className="py-2">
                        {state === "live" && (
                          <ActionButton
                            action={revokeTokenAction.bind(null, slug, t.id)}
                            label="Revoke"
                            variant="danger"
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
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
    </>
  );
}
