import type { Metadata } from "next";
import { requireOrg } from "@/lib/auth/session";
import { listPurchasesPage } from "@/lib/purchases/purchases";
import { NextPageLink, pageCursor } from "@/components/products/next-page";
import { Badge, Card, EmptyState, PageHeader } from "@/components/ui/card";
import { ActionButton } from "@/components/ui/action-form";
import { AddPurchaseForm } from "@/components/purchases/add-purchase-form";
import { productChoices } from "@/lib/products/choices";
import { can } from "@/lib/auth/permissions";
import { buttonClass } from "@/components/ui/button-class";
import { addPurchaseAction, revokePurchaseAction } from "../products/actions";
import { canOpen, PAGES } from "@/components/dashboard/nav";
import { NoAccess } from "@/components/dashboard/no-access";

export const metadata: Metadata = { title: "Purchases" };

export default async function PurchasesPage({
  params,
  searchParams,
}: {
  params: Promise<{ slug: string }>;
  searchParams: Promise<{ email?: string; cursor?: string }>;
}) {
  const { slug } = await params;
  const { email, cursor } = await searchParams;
  const ctx = await requireOrg(slug);
  if (!canOpen(ctx.role, PAGES.purchases)) return <NoAccess what="purchases" />;
  const [{ purchases, nextCursor }, products] = await Promise.all([
    listPurchasesPage(ctx.org.id, { limit: 100, cursor: pageCursor(cursor), search: email || undefined }),
    productChoices(ctx.org.id),
  ]);
  const canWrite = can(ctx.role, "catalog.write");
  const exportHref = `/orgs/${slug}/purchases/export.csv${email ? `?${new URLSearchParams({ email })}` : ""}`;
  return (
    <>
      <PageHeader title="Purchases" description="Who may download what. Buyers see their purchases at /my and get fresh links there." />
      <div className="space-y-6">
        {canWrite && (
          <Card title="Add a purchase">
            {products.length === 0 ? (
              <EmptyState title="No products yet">Create a product first; purchases grant one of them.</EmptyState>
            ) : (
              <AddPurchaseForm action={addPurchaseAction.bind(null, slug)} products={products} />
            )}
          </Card>
        )}
        <Card
          title="Purchases"
          actions={
            <a href={exportHref} className={buttonClass("secondary")} download>
              Export CSV{email ? " (filtered)" : ""}
            </a>
          }
        >
          <form className="mb-4 flex gap-2">
            <label className="sr-only" htmlFor="search-email">
              Search by email
            </label>
            <input
              id="search-email"
              name="email"
              type="search"
              defaultValue={email}
              placeholder="Search by email or part of one"
              className="flex-1 rounded-lg border-0 px-3 py-2 text-sm ring-1 ring-inset ring-slate-300"
            />
            <button type="submit" className={buttonClass("secondary")}>
              Search
            </button>
          </form>
          {purchases.length === 0 ? (
            <EmptyState title={email ? `No purchases matching “${email}”` : "No purchases yet"}>
              Purchases come from POST /api/purchases, tokens minted with a customer email, or the form above.
            </EmptyState>
          ) : (
            <ul className="divide-y divide-slate-100">
              {purchases.map((p) => (
                <li key={p.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm" data-testid="purchase-row">
                  <div>
                    <p className="font-medium">{p.email}</p>
                    <p className="text-xs text-slate-500">
                      {p.product.name} · {p.source}
                      {p.externalId ? ` · ${p.externalId}` : ""} · {p.createdAt.toISOString().slice(0, 10)}
                    </p>
                  </div>
                  {p.revokedAt ? (
                    <Badge>revoked</Badge>
                  ) : (
                    canWrite && (
                      <ActionButton
                        action={revokePurchaseAction.bind(null, slug, p.id)}
                        label="Revoke"
                        variant="danger"
                        confirm={{
                          title: `Revoke ${p.email}'s purchase of ${p.product.name}?`,
                          body: "The buyer loses access to it in their portal and can no longer get download links for it. This cannot be undone.",
                          confirmLabel: "Revoke purchase",
                        }}
                        success="Purchase revoked"
                      />
                    )
                  )}
                </li>
              ))}
            </ul>
          )}
          <NextPageLink path={`/orgs/${slug}/purchases`} params={{ email }} cursor={nextCursor} />
        </Card>
      </div>
    </>
  );
}
