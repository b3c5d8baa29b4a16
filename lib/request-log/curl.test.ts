import { describe, expect, it } from "vitest";
import { pretty, toCurl } from "./curl";

describe("toCurl", () => {
  it("rebuilds the request with masked headers and the body, quoting safely", () => {
    const cmd = toCurl(
      {
        method: "POST",
        path: "/api/keys",
        query: "a=1",
        requestHeaders: { authorization: "Bearer ct_…ab12", "content-type": "application/json", host: "x" },
        requestBody: `{"name":"it's"}`,
      },
      "https://app.test",
    );
    expect(cmd).toBe(
      `curl -X POST 'https://app.test/api/keys?a=1' \\\n  -H 'authorization: Bearer ct_…ab12' \\\n  -H 'content-type: application/json' \\\n  --data '{"name":"it'\\''s"}'`,
    );
  });
  it("pretty-prints JSON and leaves text alone", () => {
    expect(pretty(`{"a":1}`)).toBe(`{\n  "a": 1\n}`);
    expect(pretty("plain")).toBe("plain");
  });
});
