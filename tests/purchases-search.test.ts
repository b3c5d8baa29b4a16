import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { listPurchasesPage } from "@/lib/purchases/purchases";
import { createOrgWith, unique } from "./fixtures";

async function orgWithBuyers(emails: string[]) {
  const { org } = await createOrgWith();
  const product = await db.product.create({ data: { orgId: org.id, slug: unique("kit"), name: "Kit" } });
  for (const email of emails) await db.purchase.create({ data: { orgId: org.id, productId: product.id, email, source: "api" } });
  return org;
}

const emailsOf = async (orgId: string, opts: { email?: string; search?: string }) =>
  (await listPurchasesPage(orgId, { limit: 50, ...opts })).purchases.map((p) => p.email).sort();

describe("purchase search", () => {
  it("the dashboard's search matches any part of an email, case-insensitively; the API's email filter stays exact", async () => {
    const org = await orgWithBuyers(["maya@example.net", "li_wei@example.org", "jonas@example.com"]);
    expect(await emailsOf(org.id, { search: "EXAMPLE.N" })).toEqual(["maya@example.net"]);
    expect(await emailsOf(org.id, { search: "example" })).toHaveLength(3);
    expect(await emailsOf(org.id, { search: "li_" })).toEqual(["li_wei@example.org"]);
    // LIKE wildcards in the search are literal characters, not patterns.
    expect(await emailsOf(org.id, { search: "a_a" })).toEqual([]);
    expect(await emailsOf(org.id, { search: "%" })).toEqual([]);
    expect(await emailsOf(org.id, { email: "example" })).toEqual([]);
    expect(await emailsOf(org.id, { email: "Maya@Example.net" })).toEqual(["maya@example.net"]);
  });
});
