import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { createProduct, createVersion } from "@/lib/products/products";
import { uploadFile } from "@/lib/products/files";
import { mintDownloadToken, revokeDownloadToken } from "@/lib/downloads/tokens";
import { countFileDownload } from "@/lib/downloads/counts";
import { listDownloadTokensPage } from "@/lib/downloads/list";
import { actorFor, createOrgWith, unique } from "./fixtures";

describe("download token list filters", () => {
  it("tells live, expired, revoked and used-up tokens apart, and filters by source, product, email; pages", async () => {
    const { org, owner } = await createOrgWith();
    const actor = actorFor(owner);
    const slug = unique("kit");
    await createProduct(actor, org.id, { id: slug, name: "Kit" });
    await createVersion(actor, org.id, slug, { version: "1.0.0" });
    const file = await uploadFile(actor, org.id, slug, "1.0.0", "a.zip", new Blob(["x"]).stream(), "application/zip");
    const mint = (source: "dashboard" | "test" | "portal", options: Record<string, unknown> = {}) =>
      mintDownloadToken({ orgId: org.id, productSlug: slug, version: "1.0.0", source, actor, options });

    const live = await mint("dashboard", { email: "ada@example.com" });
    const used = await mint("dashboard", { maxDownloads: 1 });
    expect(await countFileDownload(used.id, file.id)).toBe(true);
    const revoked = await mint("test");
    await revokeDownloadToken(actor, org.id, revoked.id);
    const expired = await mint("portal");
    await db.downloadToken.update({ where: { id: expired.id }, data: { expiresAt: new Date(Date.now() - 1000) } });

    const ids = async (filter: Record<string, string>) =>
      (await listDownloadTokensPage(org.id, { limit: 50, filter })).tokens.map((t) => [t.id, t.status]);
    expect(await ids({ status: "live" })).toEqual([[live.id, "live"]]);
    expect(await ids({ status: "exhausted" })).toEqual([[used.id, "exhausted"]]);
    expect(await ids({ status: "revoked" })).toEqual([[revoked.id, "revoked"]]);
    expect(await ids({ status: "expired" })).toEqual([[expired.id, "expired"]]);
    expect(await ids({ source: "portal" })).toEqual([[expired.id, "expired"]]);
    expect(await ids({ email: "ADA@" })).toEqual([[live.id, "live"]]);
    expect(await ids({ email: "%" })).toEqual([]);
    expect(await ids({ product: "other" })).toEqual([]);
    expect(await ids({ status: "nonsense", source: "nonsense" })).toHaveLength(4);

    const first = await listDownloadTokensPage(org.id, { limit: 3 });
    expect(first.tokens).toHaveLength(3);
    const second = await listDownloadTokensPage(org.id, { limit: 3, cursor: first.nextCursor! });
    expect(second.tokens.map((t) => t.id)).toEqual([live.id]);
    expect(second.nextCursor).toBeNull();
  });
});
