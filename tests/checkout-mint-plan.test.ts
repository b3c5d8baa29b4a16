import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { releasedMintStatement } from "@/lib/downloads/mint-released";
import { hashKey, mintKeyToken } from "@/lib/keys/format";
import { activate, draftWith, mint } from "./support/products";
import { unique } from "./fixtures";

interface PlanNode {
  "Node Type": string;
  "Relation Name"?: string;
  "Index Name"?: string;
  "Index Cond"?: string;
  Plans?: PlanNode[];
}

const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];
const literal = (v: unknown) =>
  v === null || v === undefined
    ? "NULL"
    : typeof v === "number" || typeof v === "boolean"
      ? String(v)
      : `'${(v instanceof Date ? v.toISOString() : String(v)).replaceAll("'", "''")}'`;

/** The plan a connection keeps for the checkout mint once it stops planning per call (plan_cache_mode=auto does so after five). */
async function genericPlan(statement: { text: string; values: unknown[] }) {
  return db.$transaction(async (tx) => {
    await tx.$executeRawUnsafe("SET LOCAL plan_cache_mode = force_generic_plan");
    await tx.$executeRawUnsafe(`PREPARE mint_plan_probe AS ${statement.text}`);
    // A failed EXPLAIN aborts the transaction; back to the savepoint first, so the DEALLOCATE
    // runs (a PREPARE outlives a rollback) and the EXPLAIN's own error is the one reported.
    await tx.$executeRawUnsafe("SAVEPOINT probe");
    try {
      const rows = await tx.$queryRawUnsafe<{ "QUERY PLAN": unknown }[]>(
        `EXPLAIN (FORMAT JSON) EXECUTE mint_plan_probe(${statement.values.map(literal).join(", ")})`,
      );
      const raw = rows[0]["QUERY PLAN"];
      return (typeof raw === "string" ? JSON.parse(raw) : raw) as { Plan: PlanNode }[];
    } catch (err) {
      await tx.$executeRawUnsafe("ROLLBACK TO SAVEPOINT probe");
      throw err;
    } finally {
      await tx.$executeRawUnsafe("DEALLOCATE mint_plan_probe");
    }
  });
}

describe("the checkout mint's cached plan", () => {
  it("looks for the buyer's live purchase by organisation, product and email, not through every purchase of the organisation", async () => {
    const { org, token } = await draftWith({ "a.zip": Buffer.from("a") });
    expect((await activate(token, "kit", "1.0.0")).status).toBe(200);
    expect((await mint(token, { productId: "kit", version: "1.0.0" })).status).toBe(201); // releases the version

    const { statement } = releasedMintStatement(
      {
        orgId: org.id,
        productSlug: "kit",
        version: "1.0.0",
        tokenHash: hashKey(mintKeyToken()),
        expiresAt: new Date(Date.now() + 3_600_000),
        maxDownloads: null,
        customerEmail: `${unique("buyer")}@example.com`,
        customerName: null,
        note: null,
        source: "api",
        createdById: null,
      },
      new Date(),
    );
    const [{ Plan }] = await genericPlan(statement);
    const all = nodes(Plan);
    const seqScans = all.filter((n) => n["Relation Name"] === "Purchase" && n["Node Type"] === "Seq Scan");
    expect(seqScans).toEqual([]);
    // Index and index-only scans, and a bitmap heap scan's index scan below it.
    const indexReads = all.filter((n) => n["Index Name"]?.startsWith("Purchase_"));
    expect(indexReads.length).toBeGreaterThan(0);
    for (const read of indexReads) {
      // A condition that leaves out a column reads a range that grows with every sale.
      expect(read["Index Cond"], JSON.stringify(read)).toMatch(/"orgId"/);
      expect(read["Index Cond"], JSON.stringify(read)).toMatch(/"productId"/);
      expect(read["Index Cond"], JSON.stringify(read)).toMatch(/email/);
    }
  });
});
