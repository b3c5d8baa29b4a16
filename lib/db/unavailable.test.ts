import { describe, expect, it, vi } from "vitest";
import { isDatabaseUnavailable } from "./unavailable";
import { problemFromError } from "@/lib/api/errors";
import { AppError } from "@/lib/errors";

const sys = (code: string) => Object.assign(new Error(`connect ${code} 127.0.0.1:5432`), { code, syscall: "connect", errno: -111 });
const pgError = (code: string, message = "x") => Object.assign(new Error(message), { code, severity: "FATAL" });

describe("isDatabaseUnavailable", () => {
  it.each([
    ["pg: connection refused", sys("ECONNREFUSED")],
    ["pg: connection reset", sys("ECONNRESET")],
    ["server shutting down (57P01)", pgError("57P01", "terminating connection due to administrator command")],
    ["server starting up (57P03)", pgError("57P03", "the database system is starting up")],
    ["connection exception class 08", pgError("08006")],
    ["pool timeout", new Error("timeout exceeded when trying to connect")],
    ["connection terminated", new Error("Connection terminated unexpectedly")],
    ["PGlite closed", new Error("PGlite is closed")],
    ["Prisma P1001", Object.assign(new Error("Can't reach database server"), { code: "P1001" })],
    ["Prisma pool timeout P2024", Object.assign(new Error("Timed out fetching a new connection"), { code: "P2024" })],
    [
      "driver adapter error",
      Object.assign(new Error("DriverAdapterError"), { name: "DriverAdapterError", cause: { kind: "DatabaseNotReachable", host: "x" } }),
    ],
    [
      "Prisma-wrapped adapter error",
      Object.assign(new Error("wrapped"), { code: "P2010", meta: { driverAdapterError: { cause: { kind: "ConnectionClosed" } } } }),
    ],
    ["error with a cause chain", new Error("outer", { cause: sys("ECONNREFUSED") })],
    ["AggregateError of refusals", new AggregateError([sys("ECONNREFUSED"), sys("ECONNREFUSED")], "")],
  ])("%s → yes", (_name, err) => expect(isDatabaseUnavailable(err)).toBe(true));

  it.each([
    ["a NUL byte (22021)", pgError("22021", "invalid byte sequence for encoding")],
    ["unique violation", Object.assign(new Error("unique"), { code: "P2002" })],
    ["a bug", new TypeError("x is undefined")],
    ["an AppError", new AppError("NOT_FOUND", "no")],
    ["nothing", null],
  ])("%s → no", (_name, err) => expect(isDatabaseUnavailable(err)).toBe(false));
});

describe("problemFromError", () => {
  it("answers 503 UNAVAILABLE with Retry-After for a database that is down, without a stack trace in the log", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const res = problemFromError(sys("ECONNREFUSED"), { requestId: "r1", instance: "/api/whoami" });
    expect(res.status).toBe(503);
    expect(res.headers.get("retry-after")).toBe("5");
    const body = await res.json();
    expect(body).toMatchObject({ code: "UNAVAILABLE", status: 503, request_id: "r1" });
    expect(JSON.stringify(body)).not.toContain("ECONNREFUSED");
    problemFromError(sys("ECONNREFUSED"), { requestId: "r2", instance: "/api/whoami" });
    const lines = errors.mock.calls.map(([m]) => String(m));
    expect(lines.filter((m) => m.includes("database unavailable since"))).toHaveLength(1);
    expect(lines.some((m) => m.startsWith("[api]"))).toBe(false);
    errors.mockRestore();
  });

  it("still answers 500 INTERNAL for a bug", () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    expect(problemFromError(new TypeError("x"), { requestId: "r", instance: "/api/x" }).status).toBe(500);
    errors.mockRestore();
  });
});
