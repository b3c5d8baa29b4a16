import { driver } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { newId } from "@/lib/db/ids";
import { serializePurchase } from "@/lib/purchases/serialize";
import { newMessageId, outboxCtes } from "@/lib/webhooks/events";

/** A download token's own columns, as both mint paths write them. */
export interface TokenFields {
  orgId: string;
  tokenHash: string;
  expiresAt: Date;
  maxDownloads: number | null;
  customerEmail: string | null;
  customerName: string | null;
  note: string | null;
  source: string;
  createdById: string | null;
}

export interface ReleasedMint extends TokenFields {
  productSlug: string;
  version: string;
}

/**
 * A storefront's checkout mint in one statement, so one round trip: for a version that is
 * already released (ready, its files immutable, no lock needed), insert the token, the
 * buyer's purchase when they have none live for the product, and that purchase's
 * purchase.created outbox rows. All of it or nothing, as one statement is.
 * Null when the version is not found, not ready or not yet released: the caller's general
 * path then says why, or releases it under the version's lock.
 */
export async function mintForReleasedVersion(m: ReleasedMint, now = new Date()) {
  const { tokenId, statement } = releasedMintStatement(m, now);
  // The raw driver, as for the log writer and the credential lookup: on this per-checkout path
  // Prisma's query pipeline cost more CPU in the app's thread than the statement did in the
  // database (profiled). Timestamps go as ISO strings (UTC), never as local-time Dates.
  // Prepared once per connection (two texts, two names): parsing and planning cost more than running it.
  const rows = await driver.query<{ versionId: string; productName: string }>(
    statement.text,
    statement.values.map((v) => (v instanceof Date ? v.toISOString() : v)),
    m.customerEmail ? "mint_released_with_purchase" : "mint_released",
  );
  if (!rows.length) return null;
  return { id: tokenId, versionId: rows[0].versionId, productName: rows[0].productName };
}

/**
 * The statement, apart so its cached plan can be checked: prepared once per connection, it
 * keeps the plan made for the first checkouts while the tables grow.
 */
export function releasedMintStatement(m: ReleasedMint, now: Date) {
  const tokenId = newId(now.getTime());
  const purchaseId = newId(now.getTime());
  // serializePurchase stays the one shape of the event; the product's name is filled in from the lookup.
  const data = serializePurchase({
    id: purchaseId,
    email: m.customerEmail ?? "",
    externalId: null,
    source: m.source,
    revokedAt: null,
    createdAt: now,
    product: { slug: m.productSlug, name: "" },
  });
  const event = JSON.stringify({ type: "purchase.created", timestamp: now.toISOString(), data });
  // Without a buyer there is no purchase to write: the smaller statement is planned faster.
  // The buyer check takes the product id as a subquery, not as v's column: the index on
  // (orgId, productId, email) is then searched on all three. Joined to v, the cached plan
  // searched (orgId, email) only and read every purchase of the organisation, so each
  // checkout was slower than the last (tests/checkout-mint-plan.test.ts).
  const purchase = m.customerEmail
    ? Prisma.sql`,
    pur AS (
      INSERT INTO "Purchase" (id, "orgId", "productId", email, source, "createdAt")
      SELECT ${purchaseId}, ${m.orgId}, v."productId", ${m.customerEmail}::text, ${m.source}, ${now}::timestamp(3) FROM v
      WHERE NOT EXISTS (
        SELECT 1 FROM "Purchase" x
        WHERE x."orgId" = ${m.orgId} AND x."productId" = (SELECT "productId" FROM v) AND x.email = ${m.customerEmail} AND x."revokedAt" IS NULL)
      RETURNING id),
    ${outboxCtes({
      orgId: m.orgId,
      type: "purchase.created",
      id: newMessageId(),
      payload: Prisma.sql`jsonb_set(${event}::jsonb, '{data,productName}', to_jsonb((SELECT name FROM v)))`,
      now,
      gate: Prisma.sql`EXISTS (SELECT 1 FROM pur)`,
    })}`
    : Prisma.empty;
  const statement = Prisma.sql`
    WITH v AS (
      SELECT pv.id, pv."productId", p.name
      FROM "ProductVersion" pv JOIN "Product" p ON p.id = pv."productId"
      WHERE p."orgId" = ${m.orgId} AND p.slug = ${m.productSlug} AND pv.version = ${m.version}
        AND pv.status = 'ready' AND pv."releasedAt" IS NOT NULL),
    tok AS (
      INSERT INTO "DownloadToken" (id, "orgId", "versionId", "tokenHash", "expiresAt", "maxDownloads", "customerEmail", "customerName", note, source, "createdById", "createdAt")
      SELECT ${tokenId}, ${m.orgId}, v.id, ${m.tokenHash}, ${m.expiresAt}::timestamp(3), ${m.maxDownloads}::int, ${m.customerEmail}::text, ${m.customerName}::text, ${m.note}::text, ${m.source}, ${m.createdById}::text, ${now}::timestamp(3) FROM v
      RETURNING id)${purchase}
    SELECT v.id AS "versionId", v.name AS "productName" FROM v JOIN tok ON TRUE`;
  return { tokenId, statement };
}
