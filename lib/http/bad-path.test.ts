import { describe, expect, it } from "vitest";
import { problem } from "@/lib/api/errors";
import { badPathProblem, badPathReason } from "./bad-path";

describe("badPathReason", () => {
  it("refuses escapes that do not decode and control characters", () => {
    for (const path of ["/api/products/%E0%A4%A", "/api/%zz", "/api/%", "/orgs/%C0%AF", "/api/products/%ED%A0%80"])
      expect(badPathReason(path), path).toMatch(/malformed/);
    for (const path of ["/api/products/a%00b", "/api/products/a%0Ab", "/x/%7F", "/x/%1b"])
      expect(badPathReason(path), path).toMatch(/control/);
  });

  it("lets well-formed paths through, decoded once only", () => {
    for (const path of [
      "/",
      "/api/products/epic-drums",
      "/api/products/a%25b",
      "/f/50%25.zip",
      "/f/a%2520b.zip",
      "/f/%E0%A4%A4",
      "/f/caf%C3%A9",
      "/f/a%20b",
      "/f/%2F",
    ]) {
      expect(badPathReason(path), path).toBeNull();
    }
  });
});

describe("badPathProblem", () => {
  it("has the API's problem shape", async () => {
    const ours = badPathProblem("/api/%zz", "Bad path.", { "X-Content-Type-Options": "nosniff" });
    const requestId = ours.headers.get("x-request-id")!;
    const reference = problem("BAD_REQUEST", "Bad path.", { requestId, instance: "/api/%zz" });
    expect(ours.status).toBe(400);
    expect(await ours.json()).toEqual(await reference.json());
    for (const name of ["content-type", "cache-control"]) expect(ours.headers.get(name)).toBe(reference.headers.get(name));
    expect(ours.headers.get("x-content-type-options")).toBe("nosniff");
  });
});
