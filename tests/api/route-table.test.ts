import { readdirSync, statSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { API_ROUTES, ROUTE_METHODS, routeFile } from "@/lib/api/routes";
import { methodNotAllowed, options } from "@/lib/api/fallback";
import { GET as catchAll } from "@/app/api/[[...path]]/route";
import { createOrgWith, personalKey } from "../fixtures";
import { call, expectProblem } from "./client";
import { requestLogWriter } from "@/lib/request-log/writer";
import { db } from "@/lib/db/client";

const root = path.resolve(import.meta.dirname, "../..");
const CATCH_ALL = "app/api/[[...path]]/route.ts";

function routeFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir)).flatMap((name) => {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(root, rel)).isDirectory()) return routeFiles(rel);
    return name === "route.ts" ? [rel] : [];
  });
}

type RouteModule = Record<string, unknown>;
const load = (file: string) => import(/* @vite-ignore */ path.join(root, file)) as Promise<RouteModule>;

describe("the route table", () => {
  it("lists every route file under app/api and app/oauth/token, and nothing else", () => {
    const files = [...routeFiles("app/api"), ...routeFiles("app/oauth")].filter((f) => f !== CATCH_ALL).sort();
    expect(API_ROUTES.map((r) => routeFile(r.path)).sort()).toEqual(files);
  });

  it("matches what each file defines; every other method is the 405 handler, OPTIONS the Allow list", async () => {
    for (const route of API_ROUTES) {
      const mod = await load(routeFile(route.path));
      for (const method of ROUTE_METHODS) {
        const own = mod[method] !== methodNotAllowed;
        expect(typeof mod[method], `${route.path} ${method} is not exported: add export * from "@/lib/api/other-methods"`).toBe("function");
        expect(own, `${route.path} ${method}: file and table disagree`).toBe(method in route.methods);
      }
      expect(mod.OPTIONS, route.path).toBe(options);
    }
  });
});

describe("405 and unknown paths", () => {
  it("a wrong method answers 405 problem+json with Allow and X-Request-Id", async () => {
    const mod = await load("app/api/whoami/route.ts");
    const res = await call(mod.DELETE as never, "/api/whoami", { method: "DELETE" });
    const body = expectProblem(res, 405, "METHOD_NOT_ALLOWED");
    expect(res.headers.get("allow")).toBe("GET, HEAD, OPTIONS");
    expect(body.detail).toContain("GET");
    const keys = await load("app/api/keys/[id]/route.ts");
    const put = await call(keys.PUT as never, "/api/keys/abc", { method: "PUT", params: { id: "abc" }, body: { name: "x" } });
    expectProblem(put, 405, "METHOD_NOT_ALLOWED");
    expect(put.headers.get("allow")).toBe("GET, PATCH, DELETE, HEAD, OPTIONS");
    const token = await load("app/oauth/token/route.ts");
    const get = await call(token.GET as never, "/oauth/token");
    expectProblem(get, 405, "METHOD_NOT_ALLOWED");
    expect(get.headers.get("allow")).toBe("POST, OPTIONS");
  });

  it("OPTIONS lists the file's own methods", async () => {
    const mod = await load("app/api/products/[id]/route.ts");
    const res = await call(mod.OPTIONS as never, "/api/products/x", { method: "OPTIONS", params: { id: "x" } });
    expect(res.status).toBe(204);
    expect(res.headers.get("allow")).toBe("GET, PATCH, DELETE, HEAD, OPTIONS");
  });

  it("an unknown /api path answers 404 problem+json NOT_FOUND, whatever the method", async () => {
    for (const method of ["GET", "POST", "DELETE"]) {
      const res = await call(catchAll as never, "/api/nope/deeper", { method, params: { path: ["nope", "deeper"] } as never });
      expectProblem(res, 404, "NOT_FOUND");
    }
  });

  it("with a credential, 405s and 404s are recorded in the organisation's history", async () => {
    const { org, owner } = await createOrgWith();
    const { token } = await personalKey(org.id, owner);
    const mod = await load("app/api/whoami/route.ts");
    expect((await call(mod.POST as never, "/api/whoami", { method: "POST", token })).status).toBe(405);
    expect((await call(catchAll as never, "/api/missing", { token, params: { path: ["missing"] } as never })).status).toBe(404);
    await requestLogWriter().drain();
    const rows = await db.requestLog.findMany({ where: { orgId: org.id }, orderBy: { createdAt: "asc" } });
    expect(rows.map((r) => [r.method, r.path, r.status])).toEqual([
      ["POST", "/api/whoami", 405],
      ["GET", "/api/missing", 404],
    ]);
  });
});
