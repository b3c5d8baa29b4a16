import { requireOrg } from "@/lib/auth/session";
import { listPurchasesPage } from "@/lib/purchases/purchases";
import { csvResponse } from "@/lib/http/csv";

const HEADER = ["id", "email", "product_id", "product_name", "source", "external_id", "created_at", "revoked_at"];

/** The purchases list as CSV, with the page's search applied; streamed page by page. */
export async function GET(req: Request, { params }: { params: Promise<{ slug: string }> }) {
  const ctx = await requireOrg((await params).slug);
  const search = new URL(req.url).searchParams.get("email")?.slice(0, 320) || undefined;
  async function* pages() {
    let cursor: string | undefined;
    do {
      const page = await listPurchasesPage(ctx.org.id, { limit: 500, cursor, search });
      yield page.purchases.map((p) => [
        p.id,
        p.email,
        p.product.slug,
        p.product.name,
        p.source,
        p.externalId,
        p.createdAt.toISOString(),
        p.revokedAt?.toISOString() ?? null,
      ]);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
  }
  const day = new Date().toISOString().slice(0, 10);
  return csvResponse(`${ctx.org.slug}-purchases-${day}.csv`, HEADER, pages());
}
