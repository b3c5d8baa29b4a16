import type { Metadata } from "next";
import Link from "next/link";
import { requireOrg } from "@/lib/auth/session";
import { can } from "@/lib/auth/permissions";
import { listProductsPage } from "@/lib/products/products";
import { NextPageLink, pageCursor } from "@/components/products/next-page";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { InlineForm } from "@/components/ui/action-form";
import { createProductAction } from "./actions";
import { canOpen, PAGES } from "@/components/dashboard/nav";
import { NoAccess } from "@/components/dashboard/no-access";

export const metadata: Metadata = { title: "Products" };

export default async function ProductsPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { slug } = await params;
  const ctx = await requireOrg(slug);
  if (!canOpen(ctx.role, PAGES.products)) return <NoAccess what="the products" />;
  const { products, nextCursor } = await listProductsPage(ctx.org.id, {
    limit: 100,
    cursor: pageCursor((await searchParams).cursor),
    includeArchived: true,
  });
  return (
    <>
      <PageHeader title="Products" description="What you sell: each product has versions, each version its files." />
      <div className="space-y-6">
        {can(ctx.role, "catalog.write") && (
          <Card title="New product">
            <InlineForm
              action={createProductAction.bind(null, slug)}
              submit="Create product"
              fields={[
                { name: "name", label: "Name", placeholder: "Epic Drum Kit Vol. 1" },
                { name: "id", label: "Product id", placeholder: "epic-drums-v1" },
              ]}
            />
          </Card>
        )}
        <Card title="Products">
          {products.length === 0 ? (
            <EmptyState title="No products yet">Create your first product above, then add a version and upload its files.</EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {products.map((p) => (
                <li key={p.id} className="flex items-center justify-between gap-3 py-3">
                  <div>
                    <Link href={`/orgs/${slug}/products/${p.slug}`} className="font-medium text-slate-900 underline decoration-slate-300">
                      {p.name}
                    </Link>
                    <p className="font-mono text-xs text-slate-500">{p.slug}</p>
                  </div>
                  <div className="flex gap-2">
                    <Badge tone={p.status === "published" ? "green" : p.status === "archived" ? "slate" : "amber"}>{p.status}</Badge>
                    <Badge>{p.activeVersion ? `v${p.activeVersion.version}` : "no active version"}</Badge>
                  </div>
                </li>
              ))}
            </ul>
          )}
          <NextPageLink path={`/orgs/${slug}/products`} cursor={nextCursor} />
        </Card>
      </div>
    </>
  );
}
