import { describe, expect, it } from "vitest";
import { mintKeyToken } from "@/lib/keys/format";
import { maskBody, maskHeaders, maskJson, maskPath, maskQuery, maskText } from "./mask";

const key = mintKeyToken();
const jwt = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJjbGllbnQifQ.c2lnbmF0dXJlLWhlcmU";
const secret = "cts_" + "Q".repeat(36) + "abcd";

describe("masking", () => {
  it("reduces ct_ tokens in free text and URLs to a hint", () => {
    const out = maskText(`see https://x.test/download?token=${key} now`);
    expect(out).not.toContain(key.slice(3, 20));
    expect(out).toContain(`ct_…${key.slice(-4)}`);
    expect(maskText(`Bearer ${jwt}`)).toBe("Bearer eyJ…[masked]");
  });

  it("masks secret-named JSON fields at any depth and tokens inside other strings", () => {
    const masked = maskJson({
      name: "k",
      key,
      nested: { client_secret: "s3cr3t", list: [{ access_token: jwt }] },
      url: `/download?token=${key}`,
      count: 3,
    }) as Record<string, unknown>;
    expect(JSON.stringify(masked)).not.toMatch(/s3cr3t|eyJzdWIi/);
    expect(JSON.stringify(masked)).not.toContain(key.slice(3, 20));
    expect(masked).toMatchObject({
      name: "k",
      key: `ct_…${key.slice(-4)}`,
      nested: { client_secret: "[masked]", list: [{ access_token: "[masked]" }] },
      count: 3,
    });
  });

  it("keeps fields that only describe a secret", () => {
    expect(maskJson({ api_key_name: "Prod", api_key_id: "k1", token_type: "bearer", keyId: "k2", clientSecret: "x" })).toEqual({
      api_key_name: "Prod",
      api_key_id: "k1",
      token_type: "bearer",
      keyId: "k2",
      clientSecret: "[masked]",
    });
  });

  it("masks secret query and form parameters", () => {
    expect(maskQuery(`page=2&token=${key}`)).toBe(`page=2&token=ct_%E2%80%A6${key.slice(-4)}`);
    expect(maskBody("grant_type=client_credentials&client_id=abc&client_secret=hunter2", "application/x-www-form-urlencoded")).toBe(
      "grant_type=client_credentials&client_id=abc&client_secret=%5Bmasked%5D",
    );
  });

  it("drops cookies and keeps only a hint of Authorization", () => {
    const h = maskHeaders(
      new Headers({ authorization: `Bearer ${key}`, cookie: "session=abc", "x-api-key": "zzz", "user-agent": "curl/8" }),
    );
    expect(h).toEqual({ authorization: `Bearer ct_…${key.slice(-4)}`, "x-api-key": "[masked]", "user-agent": "curl/8" });
  });

  it("keeps a JSON body with nothing to mask as it was sent, and still masks one whose secret hides behind an escape", () => {
    const plain = '{ "name": "Pro plan",\n  "price": 12345678901234567890, "api_key_name": "ci", "keyId": "k1" }';
    expect(maskBody(plain, "application/json")).toBe(plain);
    expect(JSON.parse(maskBody('{"\\u0074oken": "hunter2", "n": 1}', "application/json"))).toEqual({ token: "[masked]", n: 1 });
    expect(JSON.parse(maskBody('{"Password" : "hunter2"}', "application/json"))).toEqual({ Password: "[masked]" });
    expect(JSON.parse(maskBody('{"keys": "a"}', "application/json"))).toEqual({ keys: "[masked]" });
  });

  it("falls back to text masking for malformed JSON", () => {
    expect(maskBody(`{"key":"${key}"`, "application/json")).toBe(`{"key":"ct_…${key.slice(-4)}"`);
  });

  describe("every credential shape wherever it appears", () => {
    const secrets = [key, secret, jwt];
    const leaks = (stored: string) => secrets.filter((s) => stored.includes(s.slice(4, 24)));

    it("in URL paths, plain or percent-encoded", () => {
      for (const path of [
        `/api/products/${key}`,
        `/download/${key}/file`,
        `/api/x/${jwt}`,
        `/api/oauth-clients/${secret}`,
        `/api/p/${encodeURIComponent(key).replace("c", "%63")}`,
      ]) {
        const stored = maskPath(path);
        expect(leaks(stored), path).toEqual([]);
      }
      expect(maskPath(`/api/products/${key}`)).toBe(`/api/products/ct_…${key.slice(-4)}`);
      expect(maskPath("/api/products/drum-kit/versions/1.0.0")).toBe("/api/products/drum-kit/versions/1.0.0");
      expect(maskPath("/api/products/%E0%A4%A")).toBe("/api/products/%E0%A4%A");
    });

    it("client secrets in query strings, custom headers, text bodies and JSON fields", () => {
      expect(leaks(maskQuery(`page=2&q=${secret}&${key}=1`))).toEqual([]);
      expect(maskQuery(`q=${secret}`)).toBe(`q=cts_%E2%80%A6abcd`);
      const headers = maskHeaders(new Headers({ "x-custom": `value ${secret}`, "x-trace": jwt, authorization: `Bearer ${secret}` }));
      expect(leaks(JSON.stringify(headers))).toEqual([]);
      expect(headers["x-custom"]).toBe("value cts_…abcd");
      expect(headers.authorization).toBe("Bearer cts_…abcd");
      expect(leaks(maskBody(`my secret is ${secret} and ${jwt}`, "text/plain"))).toEqual([]);
      const json = maskBody(JSON.stringify({ note: secret, list: [secret], [secret]: 1, deep: { a: { b: key } } }), "application/json");
      expect(leaks(json)).toEqual([]);
      expect(JSON.parse(json)).toMatchObject({ note: "cts_…abcd", list: ["cts_…abcd"], "cts_…abcd": 1 });
      expect(leaks(maskBody(`client_id=a&note=${secret}`, "application/x-www-form-urlencoded"))).toEqual([]);
      expect(leaks(maskBody(`{"broken": "${secret}"`, "application/json"))).toEqual([]);
    });

    it("never stores the peer stamp", () => {
      expect(maskHeaders(new Headers({ "x-continuata-peer": "nonce 127.0.0.1", "user-agent": "curl/8" }))).toEqual({
        "user-agent": "curl/8",
      });
    });
  });
});
