import { db } from "@/lib/db/client";
import type { Actor } from "@/lib/auth/actor";
import { createOrganization } from "@/lib/orgs/organizations";
import { activateVersion, createProduct, createVersion } from "@/lib/products/products";
import { uploadFile } from "@/lib/products/files";
import { recordPurchase } from "@/lib/purchases/purchases";
import { mintDownloadToken, recordDownload, revokeDownloadToken } from "@/lib/downloads/tokens";
import { countFileDownload, markDelivered } from "@/lib/downloads/counts";
import { changeKeyState, createIntegrationKey, refreshPersonalKey } from "@/lib/keys/manage";
import { createOAuthClient } from "@/lib/oauth/clients";
import { demoRequestLog } from "./request-log";

export const DEMO_SLUG = "demo";
export const DEMO_OWNER = "demo@example.com";

const TEAM = [
  { email: "alex@example.com", role: "admin" as const },
  { email: "sam@example.com", role: "member" as const },
];

const CATALOG = [
  { id: "drum-kit-samples", name: "Drum Kit Samples", versions: ["1.0.0", "1.1.0"], files: ["drums.zip", "README.txt"] },
  { id: "synth-presets", name: "Synth Presets Vol. 2", versions: ["2.0.0"], files: ["presets.zip", "LICENSE.txt"] },
  { id: "mixing-handbook", name: "The Mixing Handbook", versions: ["1.0.0"], files: ["handbook.pdf"] },
];

const BUYERS = ["maya@example.net", "li.wei@example.org", "jonas@example.com", "priya@example.net", "tom@example.org"];

export interface DemoSummary {
  created: boolean;
  slug: string;
  requests: number;
}

/**
 * A demo organisation with something real on every page: products with files,
 * purchases, download tokens with usage, keys of each kind, an OAuth app,
 * members and a week of request history. Idempotent: a second run finds the
 * organisation and leaves it as it is.
 */
export async function seedDemo(opts: { requests?: number; now?: Date } = {}): Promise<DemoSummary> {
  const existing = await db.organization.findUnique({ where: { slug: DEMO_SLUG } });
  if (existing) return { created: false, slug: DEMO_SLUG, requests: await db.requestLog.count({ where: { orgId: existing.id } }) };

  const owner = await db.user.upsert({ where: { email: DEMO_OWNER }, update: {}, create: { email: DEMO_OWNER, name: "Demo Owner" } });
  const actor: Actor = { userId: owner.id, via: "cli" };
  const org = await createOrganization(actor, { name: "Demo" });
  if (org.slug !== DEMO_SLUG) throw new Error(`The demo organisation came out as "${org.slug}"; remove it and run again.`);

  const team = [];
  for (const member of TEAM) {
    const user = await db.user.upsert({ where: { email: member.email }, update: {}, create: { email: member.email } });
    await db.membership.create({ data: { orgId: org.id, userId: user.id, role: member.role } });
    team.push(user);
  }

  const versions = await seedCatalog(actor, org.id);
  await seedSales(actor, org.id, versions);
  const credentials = await seedCredentials(
    actor,
    org.id,
    team.map((u) => u.id),
  );
  const requests = await demoRequestLog(org.id, credentials, { count: opts.requests ?? 1500, now: opts.now ?? new Date() });
  return { created: true, slug: org.slug, requests };
}

async function seedCatalog(actor: Actor, orgId: string) {
  const live: { productId: string; version: string }[] = [];
  for (const product of CATALOG) {
    await createProduct(actor, orgId, { id: product.id, name: product.name });
    for (const version of product.versions) {
      await createVersion(actor, orgId, product.id, { version });
      for (const name of product.files) {
        const body = `${product.name} ${version}: ${name}\n`.repeat(name.endsWith(".txt") ? 4 : 400);
        await uploadFile(actor, orgId, product.id, version, name, streamOf(body), contentTypeOf(name));
      }
      await activateVersion(actor, orgId, product.id, version);
    }
    live.push({ productId: product.id, version: product.versions.at(-1)! });
  }
  return live;
}

async function seedSales(actor: Actor, orgId: string, versions: { productId: string; version: string }[]) {
  for (const [i, email] of BUYERS.entries()) {
    const { productId, version } = versions[i % versions.length];
    await recordPurchase(actor, orgId, { email, productId, externalId: `order_${1000 + i}` });
    const minted = await mintDownloadToken({
      orgId,
      productSlug: productId,
      version,
      source: "dashboard",
      createdById: actor.userId,
      options: { email, name: email.split("@")[0], maxDownloads: 5, note: `Order ${1000 + i}` },
    });
    // Usage as a buyer's downloads leave it: a few counted, completed fetches per link.
    const token = await db.downloadToken.findUniqueOrThrow({
      where: { id: minted.id },
      include: { version: { include: { files: true } } },
    });
    for (let d = 0; d < i % 3; d++) {
      const file = token.version.files[d % token.version.files.length];
      if (!(await countFileDownload(token.id, file.id))) continue;
      await markDelivered(token.id, file.id);
      await recordDownload({
        tokenId: token.id,
        fileId: file.id,
        ip: `203.0.113.${10 + i}`,
        userAgent: "Mozilla/5.0",
        bytes: Number(file.size),
      });
    }
    if (i === BUYERS.length - 1) await revokeDownloadToken(actor, orgId, token.id);
  }
  await mintDownloadToken({ orgId, productSlug: versions[0].productId, version: versions[0].version, source: "api" });
}

async function seedCredentials(actor: Actor, orgId: string, teamIds: string[]) {
  const personal = await refreshPersonalKey(actor, orgId);
  const storefront = await createIntegrationKey(actor, orgId, { name: "Storefront" });
  const reporting = await createIntegrationKey(actor, orgId, { name: "Reporting (read only)", scopes: ["read"] });
  const old = await createIntegrationKey(actor, orgId, { name: "Old checkout" });
  await changeKeyState(actor, orgId, old.key.id, "revoke");
  const paused = await createIntegrationKey(actor, orgId, { name: "Staging" });
  await changeKeyState(actor, orgId, paused.key.id, "disable");
  for (const userId of teamIds) await refreshPersonalKey({ userId, via: "cli" }, orgId);
  const client = await createOAuthClient(actor, orgId, { name: "Fulfilment worker", scopes: ["read", "write"] });
  return [
    { id: storefront.key.id, name: "Storefront", userId: actor.userId, weight: 6 },
    { id: reporting.key.id, name: "Reporting (read only)", userId: actor.userId, weight: 2 },
    { id: personal.key.id, name: personal.key.name, userId: actor.userId, weight: 1 },
    { id: client.client.id, name: "Fulfilment worker", userId: actor.userId, weight: 2 },
    { id: old.key.id, name: "Old checkout", userId: actor.userId, weight: 0.3 },
  ];
}

function streamOf(text: string): ReadableStream<Uint8Array> {
  const bytes = new TextEncoder().encode(text);
  return new ReadableStream({ start: (c) => (c.enqueue(bytes), c.close()) });
}

function contentTypeOf(name: string) {
  if (name.endsWith(".zip")) return "application/zip";
  if (name.endsWith(".pdf")) return "application/pdf";
  return "text/plain";
}
