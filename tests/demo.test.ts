import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { DEMO_OWNER, seedDemo } from "@/lib/demo/seed";
import { listKeys } from "@/lib/keys/manage";

describe("npm run demo (seedDemo)", () => {
  it("fills an organisation every page can show, and a second run changes nothing", { timeout: 120_000 }, async () => {
    const now = new Date();
    const first = await seedDemo({ now });
    expect(first).toMatchObject({ created: true, slug: "demo" });
    const org = await db.organization.findUniqueOrThrow({ where: { slug: "demo" }, include: { memberships: { include: { user: true } } } });
    expect(org.memberships.map((m) => [m.user.email, m.role]).sort()).toEqual([
      ["alex@example.com", "admin"],
      [DEMO_OWNER, "owner"],
      ["sam@example.com", "member"],
    ]);

    const products = await db.product.findMany({ where: { orgId: org.id }, include: { activeVersion: { include: { files: true } } } });
    expect(products).toHaveLength(3);
    for (const p of products) expect(p.activeVersion?.files.length).toBeGreaterThan(0);
    expect(await db.purchase.count({ where: { orgId: org.id } })).toBeGreaterThanOrEqual(5);
    expect(await db.download.count({ where: { token: { orgId: org.id } } })).toBeGreaterThan(0);
    expect(await db.downloadToken.count({ where: { orgId: org.id, revokedAt: { not: null } } })).toBe(1);

    const keys = await listKeys(org.id, { includeRevoked: true });
    expect(new Set(keys.map((k) => k.kind))).toEqual(new Set(["personal", "integration"]));
    expect(keys.some((k) => k.revokedAt)).toBe(true);
    expect(keys.some((k) => k.disabledAt)).toBe(true);
    expect(await db.oAuthClient.count({ where: { orgId: org.id } })).toBe(1);

    const logs = await db.requestLog.findMany({ where: { orgId: org.id }, select: { createdAt: true, statusClass: true, status: true } });
    expect(logs.length).toBeGreaterThanOrEqual(1000);
    const weekAgo = now.getTime() - 7 * 86_400_000;
    expect(logs.every((l) => l.createdAt.getTime() >= weekAgo && l.createdAt.getTime() <= now.getTime())).toBe(true);
    expect(new Set(logs.map((l) => l.createdAt.toISOString().slice(0, 10))).size).toBeGreaterThanOrEqual(7);
    expect(new Set(logs.map((l) => l.statusClass))).toEqual(new Set([2, 4, 5]));
    expect(logs.some((l) => l.status === 429)).toBe(true);

    const again = await seedDemo();
    expect(again).toEqual({ created: false, slug: "demo", requests: logs.length });
    expect(await db.product.count({ where: { orgId: org.id } })).toBe(3);
  });
});
