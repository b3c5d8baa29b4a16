import { execFileSync } from "node:child_process";
import { describe, expect, it } from "vitest";
import { pretty, toCurl } from "./curl";

const recorded = {
  method: "POST",
  path: "/api/purchases",
  query: "a=1",
  requestHeaders: {
    authorization: "Bearer ct_…wyvN",
    "content-type": "application/json",
    "idempotency-key": "order-42",
    host: "app.test",
    connection: "keep-alive",
    "accept-encoding": "gzip, br",
    "user-agent": "node",
    accept: "*/*",
    "x-forwarded-for": "203.0.113.9",
    "x-forwarded-proto": "https",
    "x-real-ip": "203.0.113.9",
    "x-continuata-request-id": "req_1",
    "content-length": "30",
  },
  requestBody: `{"email":"o'neil@example.com","note":"$HOME \`id\`"}`,
};

describe("toCurl", () => {
  it("emits a runnable command: the key from $CONTINUATA_API_KEY, caller headers only, the body quoted", () => {
    expect(toCurl(recorded, "https://app.test/")).toBe(
      [
        `curl -X POST 'https://app.test/api/purchases?a=1'`,
        `-H "Authorization: Bearer $CONTINUATA_API_KEY"`,
        `-H 'content-type: application/json'`,
        `-H 'idempotency-key: order-42'`,
        `--data-binary '{"email":"o'\\''neil@example.com","note":"$HOME \`id\`"}'`,
      ].join(" \\\n  "),
    );
  });

  it("survives a real shell: the key expands, the body arrives byte for byte", () => {
    // Swap curl for a printer of its arguments, then let sh parse the command as a user's terminal would.
    const cmd = toCurl(recorded, "https://app.test").replace(/^curl /, "printf '%s\\n' ");
    const out = execFileSync("sh", ["-c", cmd], { env: { ...process.env, CONTINUATA_API_KEY: "ct_secret" } }).toString();
    const args = out.trimEnd().split("\n");
    expect(args).toContain("Authorization: Bearer ct_secret");
    expect(args.at(-1)).toBe(recorded.requestBody);
    expect(out).not.toMatch(/ct_…|forwarded|203\.0\.113|x-continuata|keep-alive|gzip/i);
  });

  it("uses client credentials for Basic, and sends no placeholder body", () => {
    const cmd = toCurl(
      {
        method: "POST",
        path: "/api/oauth/token",
        query: null,
        requestHeaders: { authorization: "Basic [masked]" },
        requestBody: "[body not captured: x]",
      },
      "https://app.test",
    );
    expect(cmd).toBe(`curl -X POST 'https://app.test/api/oauth/token' \\\n  -u "$CONTINUATA_CLIENT_ID:$CONTINUATA_CLIENT_SECRET"`);
  });

  it("pretty-prints JSON and leaves text alone", () => {
    expect(pretty(`{"a":1}`)).toBe(`{\n  "a": 1\n}`);
    expect(pretty("plain")).toBe("plain");
  });
});
