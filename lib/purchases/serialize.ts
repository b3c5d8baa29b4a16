export function serializePurchase(p: {
  id: string;
  email: string;
  externalId: string | null;
  source: string;
  revokedAt: Date | null;
  createdAt: Date;
  product: { slug: string; name: string };
}) {
  return {
    id: p.id,
    email: p.email,
    productId: p.product.slug,
    productName: p.product.name,
    externalId: p.externalId,
    source: p.source,
    revokedAt: p.revokedAt?.toISOString() ?? null,
    createdAt: p.createdAt.toISOString(),
  };
}
