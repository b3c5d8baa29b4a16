import { describe, expect, it } from "vitest";
import { GET as meta } from "@/app/api/meta/route";
import { GET as openapi } from "@/app/api/openapi.json/route";
import { call } from "./client";

describe("public endpoints", () => {
  it("GET /api/meta needs no key and names the rate-limit policy and the OpenAPI document", async () => {
    const res = await call(meta, "/api/meta");
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toBeTruthy();
    expect(res.body).toMatchObject({
      name: "Continuata",
      apiVersion: expect.any(String),
      rateLimit: { limit: 60, windowSeconds: 60 },
      openapi: "/api/openapi.json",
    });
  });

  it("the OpenAPI document it links to exists and lists the key endpoints", async () => {
    const res = await call(openapi, "/api/openapi.json");
    expect(res.status).toBe(200);
    expect(res.body.openapi).toBe("3.1.0");
    expect(Object.keys(res.body.paths)).toEqual(expect.arrayContaining(["/api/whoami", "/api/keys", "/api/keys/{id}/roll"]));
  });
});
