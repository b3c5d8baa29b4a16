import { describe, expect, it } from "vitest";
import { hashKey, isWellFormedKey, keyHint, mintKeyToken } from "./format";

describe("API key format", () => {
  it("mints ct_ + 38 base62 characters that pass their own checksum", () => {
    const key = mintKeyToken();
    expect(key).toMatch(/^ct_[0-9A-Za-z]{38}$/);
    expect(isWellFormedKey(key)).toBe(true);
  });

  it("never mints the same key twice", () => {
    const keys = new Set(Array.from({ length: 2000 }, () => mintKeyToken()));
    expect(keys.size).toBe(2000);
  });

  it("rejects any single-character typo through the checksum", () => {
    const key = mintKeyToken();
    for (let i = 3; i < key.length; i++) {
      const c = key[i] === "a" ? "b" : "a";
      expect(isWellFormedKey(key.slice(0, i) + c + key.slice(i + 1))).toBe(false);
    }
  });

  it("rejects wrong prefix, length and characters", () => {
    const key = mintKeyToken();
    expect(isWellFormedKey(key.replace("ct_", "sk_"))).toBe(false);
    expect(isWellFormedKey(key.slice(0, -1))).toBe(false);
    expect(isWellFormedKey(`${key}x`)).toBe(false);
    expect(isWellFormedKey(`${key.slice(0, 10)}-${key.slice(11)}`)).toBe(false);
    expect(isWellFormedKey("")).toBe(false);
  });

  it("hashes deterministically and hints with the last four characters", () => {
    const key = mintKeyToken();
    expect(hashKey(key)).toBe(hashKey(key));
    expect(hashKey(key)).toMatch(/^[0-9a-f]{64}$/);
    expect(keyHint(key)).toBe(`ct_…${key.slice(-4)}`);
  });
});
