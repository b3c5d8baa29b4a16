import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { activateVersion, createProduct, createVersion, updateProduct } from "@/lib/products/products";
import { deleteFile, uploadFile } from "@/lib/products/files";
import { recordPurchase, revokePurchase } from "@/lib/purchases/purchases";
import { mintDownloadToken, revokeDownloadToken } from "@/lib/downloads/tokens";
import { updateKey } from "@/lib/keys/update";
import { listAuditEvents, type AuditFilter } from "@/lib/audit/list";
import { actorFor, createOrgWith, integrationKey, unique } from "./fixtures";

const body = (text: string) => new Blob([text]).stream();
const actions = async (orgId: string) =>
  (await db.auditEvent.findMany({ where: { orgId }, orderBy: { createdAt: "asc" } })).map((e) => ({
    action: e.action,
    label: e.targetLabel,
    metadata: e.metadata,
  }));

describe("audit log: catalogue, purchases and tokens", () => {
  it("records each change where it happens, once, with what changed", async () => {
    const { org, owner } = await createOrgWith();
    const actor = actorFor(owner);
    const slug = unique("kit");
    await createProduct(actor, org.id, { id: slug, name: "Kit" });
    await updateProduct(actor, org.id, slug, { name: "Kit Deluxe" });
    await updateProduct(actor, org.id, slug, { name: "Kit Deluxe" }); // no change, no entry
    await createVersion(actor, org.id, slug, { version: "1.0.0" });
    await uploadFile(actor, org.id, slug, "1.0.0", "a.zip", body("aaa"), "application/zip");
    await uploadFile(actor, org.id, slug, "1.0.0", "b.zip", body("bbb"), "application/zip");
    await deleteFile(actor, org.id, slug, "1.0.0", "b.zip");
    await activateVersion(actor, org.id, slug, "1.0.0");
    const { purchase } = await recordPurchase(actor, org.id, { email: "Buyer@Example.com", productId: slug }, "dashboard");
    await revokePurchase(actor, org.id, purchase.id);
    await revokePurchase(actor, org.id, purchase.id); // already revoked: no second entry
    const minted = await mintDownloadToken({ orgId: org.id, productSlug: slug, version: "1.0.0", source: "dashboard", actor });
    await mintDownloadToken({ orgId: org.id, productSlug: slug, version: "1.0.0", source: "portal" }); // a buyer's own link
    await revokeDownloadToken(actor, org.id, minted.id);
    await updateProduct(actor, org.id, slug, { status: "archived" });

    const log = await actions(org.id);
    expect(log.map((e) => e.action)).toEqual([
      "product.created",
      "product.updated",
      "version.created",
      "file.uploaded",
      "file.uploaded",
      "file.deleted",
      "version.activated",
      "purchase.created",
      "purchase.revoked",
      "token.created",
      "token.revoked",
      "product.archived",
    ]);
    expect(log[1].metadata).toEqual({ changes: { name: { from: "Kit", to: "Kit Deluxe" } } });
    expect(log[5].label).toBe(`${slug} 1.0.0/b.zip`);
    expect(log[7].label).toBe(`buyer@example.com · ${slug}`);
    expect(log[11].metadata).toEqual({ changes: { status: { from: "draft", to: "archived" } } });
    // The token entry never carries the token or its URL.
    expect(JSON.stringify(log[9])).not.toContain(minted.token);
  });

  it("key.updated says what changed, before and after, and nothing when nothing did", async () => {
    const { org, owner } = await createOrgWith();
    const { key, token } = await integrationKey(org.id, owner, { name: "Shop" });
    await updateKey(actorFor(owner), org.id, key.id, { name: "Storefront", rateLimitPerMinute: 60 });
    await updateKey(actorFor(owner), org.id, key.id, { rateLimitPerMinute: 60 });
    const entries = await db.auditEvent.findMany({ where: { orgId: org.id, action: "key.updated" } });
    expect(entries).toHaveLength(1);
    expect(entries[0].metadata).toEqual({
      changes: { name: { from: "Shop", to: "Storefront" }, rateLimitPerMinute: { from: null, to: 60 } },
    });
    expect(JSON.stringify(entries[0])).not.toContain(token);
  });

  it("filters by actor, event (exact or family) and UTC day range", async () => {
    const { org, owner, others } = await createOrgWith(["admin"]);
    const [admin] = others;
    await createProduct(actorFor(owner), org.id, { id: unique("a"), name: "A" });
    await createProduct(actorFor(admin), org.id, { id: unique("b"), name: "B" });
    await integrationKey(org.id, admin);
    const old = await db.auditEvent.findFirstOrThrow({ where: { orgId: org.id, actorUserId: owner.id } });
    await db.auditEvent.update({ where: { id: old.id }, data: { createdAt: new Date("2025-01-15T23:30:00Z") } });
    const list = async (filter: AuditFilter) =>
      (await listAuditEvents(org.id, { filter })).events
        .map((e) => `${e.actorEmail === admin.email ? "admin" : "owner"}:${e.action}`)
        .sort();

    expect(await list({ actor: admin.id })).toEqual(["admin:key.created", "admin:product.created"]);
    expect(await list({ action: "product." })).toEqual(["admin:product.created", "owner:product.created"]);
    expect(await list({ action: "key.created" })).toEqual(["admin:key.created"]);
    expect(await list({ from: "2025-01-15", to: "2025-01-15" })).toEqual(["owner:product.created"]);
    expect(await list({ from: "2025-01-16" })).toEqual(["admin:key.created", "admin:product.created"]);
    expect(await list({ to: "2025-01-14" })).toEqual([]);
    // Nonsense dates are ignored, not errors.
    expect(await list({ from: "yesterday" })).toHaveLength(3);
  });
});
