import { describe, expect, it } from "vitest";
import { CredentialCache } from "./credential-cache";

const row = (n: number) => ({ id: `k${n}`, scopes: ["read"] });

describe("CredentialCache", () => {
  it("while live, answers a second lookup from memory", async () => {
    const cache = new CredentialCache();
    cache.setLive(true);
    let loads = 0;
    const load = async () => (loads++, row(1));
    await cache.get("a", load);
    expect(await cache.get("a", load)).toEqual(row(1));
    expect(loads).toBe(1);
  });

  it("without a change feed, reads every time", async () => {
    const cache = new CredentialCache();
    let loads = 0;
    await cache.get("a", async () => (loads++, row(1)));
    await cache.get("a", async () => (loads++, row(1)));
    expect(loads).toBe(2);
    expect(cache.size).toBe(0);
  });

  it("a change notice empties it", async () => {
    const cache = new CredentialCache();
    cache.setLive(true);
    await cache.get("a", async () => row(1));
    cache.invalidate();
    expect(await cache.get("a", async () => row(2))).toEqual(row(2));
  });

  it("does not keep an answer read while a change landed", async () => {
    const cache = new CredentialCache();
    cache.setLive(true);
    let release!: () => void;
    const inFlight = cache.get("a", () => new Promise<ReturnType<typeof row>>((resolve) => (release = () => resolve(row(1)))));
    cache.invalidate(); // the change commits after the read began
    release();
    expect(await inFlight).toEqual(row(1)); // this request ran alongside the change
    expect(cache.size).toBe(0);
    expect(await cache.get("a", async () => row(2))).toEqual(row(2));
  });

  it("does not remember unknown credentials, and hands out rows nobody can change", async () => {
    const cache = new CredentialCache();
    cache.setLive(true);
    await cache.get("missing", async () => undefined);
    expect(cache.size).toBe(0);
    const kept = (await cache.get("a", async () => row(1)))!;
    expect(() => kept.scopes.push("admin")).toThrow(TypeError);
    expect(() => ((kept as { id: string }).id = "other")).toThrow(TypeError);
  });

  it("stops at 10,000 entries by dropping the oldest", async () => {
    const cache = new CredentialCache();
    cache.setLive(true);
    for (let i = 0; i < 10_001; i++) await cache.get(`k${i}`, async () => row(i));
    expect(cache.size).toBe(10_000);
    let loads = 0;
    await cache.get("k0", async () => (loads++, row(0)));
    expect(loads).toBe(1);
  });
});
