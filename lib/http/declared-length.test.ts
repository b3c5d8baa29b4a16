import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DECLARED_LENGTH, installDeclaredLength } from "./declared-length";

// The same calls Next's sendResponse makes: appendHeader for each header, then the body.
const server = http.createServer((req, res) => {
  res.statusCode = 200;
  // Next copies a Headers object, which iterates in name order: content-encoding comes first.
  if (req.url === "/gzip") res.appendHeader("content-encoding", "gzip");
  res.appendHeader("content-type", "application/zip");
  res.appendHeader(DECLARED_LENGTH, "5");
  // Streamed in parts, as a file is: Node adds no length of its own.
  if (req.method !== "HEAD") res.write("he");
  res.end(req.method === "HEAD" ? undefined : "llo");
});
let base = "";

beforeAll(async () => {
  installDeclaredLength();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe("declared length", () => {
  it("goes out as Content-Length, and the private header never does", async () => {
    for (const method of ["GET", "HEAD"]) {
      const res = await fetch(`${base}/file`, { method });
      expect(res.headers.get("content-length")).toBe("5");
      expect(res.headers.get("transfer-encoding")).toBeNull();
      expect(res.headers.get(DECLARED_LENGTH)).toBeNull();
    }
  });

  it("is left out when the body is re-encoded", async () => {
    const res = await new Promise<http.IncomingMessage>((resolve) => http.get(`${base}/gzip`, resolve));
    res.resume();
    expect(res.headers["content-length"]).toBeUndefined();
    expect(res.headers[DECLARED_LENGTH]).toBeUndefined();
  });
});
