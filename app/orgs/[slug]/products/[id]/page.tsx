import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { requireOrg } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { getProduct } from "@/lib/products/products";
import { AppError } from "@/lib/errors";
import { formatBytes } from "@/lib/downloads/page";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { ActionButton, InlineForm } from "@/components/ui/action-form";
import { Uploader } from "@/components/products/uploader";
import { TestDownload, TokenDialog } from "@/components/products/token-dialog";
import { DeleteFileButton } from "@/components/products/delete-file";
import { ActivateVersionForm } from "@/components/products/activate-form";
import { RefreshWhile } from "@/components/ui/refresh-while";
import { countBuyers } from "@/lib/notices/enqueue";
import { noticeProgress } from "@/lib/notices/progress";
import {
  activateVersionAction,
  createVersionAction,
  deleteFileAction,
  generateTokenAction,
  setProductStatusAction,
  testDownloadAction,
} from "../actions";

export const metadata: Metadata = { title: "Product" };

export default async function ProductPage({ params }: { params: Promise<{ slug: string; id: string }> }) {
  const { slug, id } = await params;
  const ctx = await requireOrg(slug);
  const product = await getProduct(ctx.org.id, id).catch((e) => (e instanceof AppError ? null : Promise.reject(e)));
  if (!product) notFound();
  const write = can(ctx.role, "catalog.write");
  const [buyers, notices] = await Promise.all([countBuyers(product.id), noticeProgress(product.id)]);
  // With S3 storage the browser sends files straight to the bucket (direct multipart uploads).
  const directUploads = !!process.env.S3_BUCKET;
  return (
    <>
      <PageHeader
        title={product.name}
        description={
          <>
            <span className="font-mono">{product.slug}</span> · {product.status} · active version{" "}
            {product.activeVersion ? product.activeVersion.version : "none"}
          </>
        }
        actions={
          write ? (
            <div className="flex gap-2">
              {product.status !== "published" && (
                <ActionButton action={setProductStatusAction.bind(null, slug, id, "published")} label="Publish" />
              )}
              {product.status !== "archived" && (
                <ActionButton
                  action={setProductStatusAction.bind(null, slug, id, "archived")}
                  label="Archive"
                  variant="danger"
                  confirm={{
                    title: `Archive ${product.name}?`,
                    body: "It leaves the API's product list and buyers can no longer get download links for it in their portal, until you publish it again.",
                    confirmLabel: "Archive product",
                  }}
                />
              )}
            </div>
          ) : undefined
        }
      />
      <div className="space-y-6">
        {write && (
          <Card title="New version">
            <InlineForm
              action={createVersionAction.bind(null, slug, id)}
              submit="Add version"
              fields={[{ name: "version", label: "Version", placeholder: "1.0.0" }]}
            />
          </Card>
        )}
        <RefreshWhile active={notices.some((n) => n.sent + n.failed < n.total)} />
        {notices.length > 0 && (
          <Card
            title="New-version emails"
            description="Sent through the background worker at a bounded rate; this page shows them as they go out."
          >
            <ul className="divide-y divide-slate-100 text-sm" aria-label="New-version emails">
              {notices.map((n) => (
                <li key={n.id} className="flex justify-between gap-3 py-2" data-testid="notice-row">
                  <span>Version {n.version}</span>
                  <span className="tabular-nums text-slate-600">
                    {n.sent} of {n.total} sent{n.failed ? ` · ${n.failed} failed` : ""}
                    {n.sent + n.failed < n.total ? " · sending…" : ""}
                  </span>
                </li>
              ))}
            </ul>
          </Card>
        )}
        {product.versions.length === 0 ? (
          <EmptyState title="No versions yet">Add version 1.0.0, then upload its files.</EmptyState>
        ) : (
          product.versions.map((v) => {
            const active = product.activeVersion?.id === v.id;
            // Released (activated or delivered) versions are immutable: fixes ship as a new version.
            const editable = write && !v.releasedAt;
            return (
              <Card
                key={v.id}
                title={`Version ${v.version}`}
                description={`${v.files.length} file${v.files.length === 1 ? "" : "s"}${v.releasedAt ? " · released: files are final, publish a new version to change them" : " · draft"}`}
                actions={
                  <div className="flex flex-wrap items-center gap-2" data-testid={`version-${v.version}`}>
                    <Badge tone={v.status === "ready" ? "green" : "amber"}>{v.status}</Badge>
                    {active && <Badge tone="indigo">active</Badge>}
                    {write && v.status === "ready" && !active && (
                      <ActivateVersionForm
                        action={activateVersionAction.bind(null, slug, id, v.version)}
                        version={v.version}
                        buyers={buyers}
                      />
                    )}
                    {write && v.status === "ready" && (
                      <TokenDialog action={generateTokenAction.bind(null, slug, id, v.version)} version={v.version} />
                    )}
                    {write && v.status === "ready" && <TestDownload action={testDownloadAction.bind(null, slug, id, v.version)} />}
                  </div>
                }
              >
                {v.files.length > 0 && (
                  <ul className="mb-4 divide-y divide-slate-100 text-sm">
                    {v.files.map((f) => (
                      <li key={f.id} className="flex justify-between gap-3 py-2" data-testid="file-row">
                        <span className="truncate">{f.name}</span>
                        <span className="flex shrink-0 items-center gap-2 text-slate-500">
                          {formatBytes(Number(f.size))} ·{" "}
                          <span className="font-mono text-xs" title={f.sha256}>
                            {f.sha256.slice(0, 12)}…
                          </span>
                          {editable && <DeleteFileButton action={deleteFileAction.bind(null, slug, id, v.version, f.name)} name={f.name} />}
                        </span>
                      </li>
                    ))}
                  </ul>
                )}
                {editable && (
                  <Uploader
                    endpoint={`/orgs/${slug}/products/${id}/versions/${encodeURIComponent(v.version)}/files`}
                    direct={directUploads ? `/orgs/${slug}/products/${id}/versions/${encodeURIComponent(v.version)}/uploads` : undefined}
                  />
                )}
              </Card>
            );
          })
        )}
      </div>
    </>
  );
}
