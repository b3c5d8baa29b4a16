import { describe, expect, it } from "vitest";
import { slugify, withSuffix } from "./slug";

describe("slugify", () => {
  it("lower-cases, strips accents and joins words with dashes", () => {
    expect(slugify("Ácme Sounds Ltd.")).toBe("acme-sounds-ltd");
    expect(slugify("  --Hello__World--  ")).toBe("hello-world");
  });
  it("pads names that leave fewer than 3 characters", () => {
    expect(slugify("A")).toMatch(/^a-[a-z0-9]{1,4}$/);
    expect(slugify("日本")).toMatch(/^org-[a-z0-9]{1,4}$/);
  });
  it("caps the length at 40 without a trailing dash", () => {
    const slug = slugify("x".repeat(39) + " yyyy");
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug.endsWith("-")).toBe(false);
  });
  it("never returns a reserved route name", () => {
    expect(slugify("New")).toBe("new-org");
  });
  it("adds a random suffix after the first attempt", () => {
    expect(withSuffix("acme", 0)).toBe("acme");
    expect(withSuffix("acme", 1)).toMatch(/^acme-[a-z0-9]{1,4}$/);
  });
});
