import { describe, expect, it } from "vitest";
import { GET } from "@/app/api/health/route";
import { useDatabase } from "@/lib/db/client";
import { openPostgres } from "@/lib/db/adapter";

describe("GET /api/health", () => {
  it("answers 200 with the database check when the database answers", async () => {
    const res = await GET(new Request("http://localhost/api/health"));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    const body = await res.json();
    expect(body).toMatchObject({ status: "ok", checks: { database: { status: "ok" } } });
  });

  it("answers 503 in the problem shape when the database is down", async () => {
    // Nothing listens on port 1: connections are refused at once.
    useDatabase(openPostgres("postgresql://nobody@127.0.0.1:1/none", { connectionTimeoutMillis: 500 }));
    const res = await GET(new Request("http://localhost/api/health"));
    expect(res.status).toBe(503);
    expect(res.headers.get("content-type")).toBe("application/problem+json");
    const body = await res.json();
    expect(body).toMatchObject({
      status: 503,
      code: "UNAVAILABLE",
      title: "Service Unavailable",
      instance: "/api/health",
      error: expect.any(String),
    });
    expect(body.request_id).toBe(res.headers.get("x-request-id"));
  });
});
