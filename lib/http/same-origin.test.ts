import { describe, expect, it } from "vitest";
import { AppError } from "@/lib/errors";
import { assertSameOrigin, isSameOrigin } from "./same-origin";

const APP = "https://shop.example";
const put = (headers: Record<string, string>, url = "https://shop.example/orgs/a/products/p/versions/1/files/x.zip") =>
  new Request(url, { method: "PUT", headers });

describe("isSameOrigin", () => {
  it("accepts our own Origin, and the origin the request was addressed to", () => {
    expect(isSameOrigin(put({ origin: APP }), APP)).toBe(true);
    expect(isSameOrigin(put({ origin: "http://10.0.0.5:3000" }, "http://10.0.0.5:3000/orgs"), APP)).toBe(true);
  });

  it("accepts Sec-Fetch-Site: same-origin when there is no Origin", () => {
    expect(isSameOrigin(put({ "sec-fetch-site": "same-origin" }), APP)).toBe(true);
  });

  it("refuses a missing, foreign, opaque or look-alike Origin", () => {
    for (const headers of <Record<string, string>[]>[
      {},
      { origin: "https://evil.example" },
      { origin: "null" },
      { origin: "https://shop.example:8443" },
      { origin: "http://shop.example" },
      { origin: "https://shop.example.evil.example" },
      { "sec-fetch-site": "same-site" },
      { "sec-fetch-site": "cross-site" },
      { "sec-fetch-site": "none" },
      // A foreign Origin is not rescued by a forged fetch-metadata header.
      { origin: "https://evil.example", "sec-fetch-site": "same-origin" },
    ]) {
      expect(isSameOrigin(put(headers), APP), JSON.stringify(headers)).toBe(false);
    }
  });

  it("assertSameOrigin throws FORBIDDEN for the dashboard's route handlers", () => {
    expect(() => assertSameOrigin(put({}))).toThrow(AppError);
    expect(() => assertSameOrigin(put({}))).toThrow(expect.objectContaining({ code: "FORBIDDEN" }));
  });
});
