import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { clientIp, normalizeIp, trustedProxies } from "./client-ip";
import { PEER_HEADER, installPeerStamp, peerNonce } from "./peer-stamp";

const env = (TRUST_PROXY?: string) => ({ TRUST_PROXY }) as unknown as NodeJS.ProcessEnv;
const xff = (value: string) => new Headers({ "x-forwarded-for": value });

describe("clientIp", () => {
  it("without TRUST_PROXY is the peer: the last entry, whatever the client wrote before it", () => {
    expect(clientIp(xff("203.0.113.9"), env())).toBe("203.0.113.9");
    expect(clientIp(xff("6.6.6.6, 127.0.0.1"), env())).toBe("127.0.0.1");
    expect(clientIp(xff("6.6.6.6, 10.0.0.1, 198.51.100.4"), env("0"))).toBe("198.51.100.4");
  });

  it("with TRUST_PROXY=n skips the n trusted proxies, counting from the right", () => {
    // client → proxy (appends client) → app (appends proxy)
    expect(clientIp(xff("203.0.113.9, 10.0.0.2"), env("1"))).toBe("203.0.113.9");
    expect(clientIp(xff("6.6.6.6, 203.0.113.9, 10.0.0.2"), env("1"))).toBe("203.0.113.9");
    // client → cdn → lb → app
    expect(clientIp(xff("6.6.6.6, 203.0.113.9, 10.0.0.3, 10.0.0.2"), env("2"))).toBe("203.0.113.9");
    // fewer entries than proxies: the request did not come through them all; the leftmost is all there is
    expect(clientIp(xff("10.0.0.2"), env("2"))).toBe("10.0.0.2");
  });

  it("only returns addresses: garbage in a trusted position falls back to the peer", () => {
    expect(clientIp(xff("<script>, 10.0.0.2"), env("1"))).toBe("10.0.0.2");
    expect(clientIp(xff("unknown"), env())).toBeNull();
    expect(clientIp(new Headers(), env())).toBeNull();
  });

  it("normalises what it returns", () => {
    expect(clientIp(xff("::ffff:127.0.0.1"), env())).toBe("127.0.0.1");
    expect(normalizeIp("[2001:DB8::1]:443")).toBe("2001:db8::1");
    expect(normalizeIp("203.0.113.9:5123")).toBe("203.0.113.9");
    expect(normalizeIp("::FFFF:203.0.113.9")).toBe("203.0.113.9");
    expect(normalizeIp("999.1.1.1")).toBeNull();
  });

  it("ignores X-Real-IP, which anyone can send", () => {
    expect(clientIp(new Headers({ "x-real-ip": "6.6.6.6", "x-forwarded-for": "198.51.100.4" }), env())).toBe("198.51.100.4");
  });

  it("treats a TRUST_PROXY that is not a number of proxies as none", () => {
    expect(trustedProxies(env("true"))).toBe(0);
    expect(trustedProxies(env("0x2"))).toBe(0);
    expect(trustedProxies(env(" 2 "))).toBe(2);
  });
});

describe("the peer stamp", () => {
  // The nonce is process-wide: other test files in this worker call handlers with unstamped headers.
  afterEach(() => void delete (globalThis as Record<symbol, unknown>)[Symbol.for("continuata.peer-nonce")]);

  it("once installed, trusts only requests it stamped (a client cannot forge the stamp)", () => {
    installPeerStamp();
    const nonce = peerNonce()!;
    expect(nonce).toMatch(/^[\w-]{20,}$/);
    const stamped = new Headers({ "x-forwarded-for": "6.6.6.6, ::ffff:198.51.100.4", [PEER_HEADER]: `${nonce} ::ffff:198.51.100.4` });
    expect(clientIp(stamped, env())).toBe("198.51.100.4");
    const forged = new Headers({ "x-forwarded-for": "6.6.6.6", [PEER_HEADER]: "guess 6.6.6.6" });
    expect(clientIp(forged, env())).toBeNull();
    // Stamped, but the client appended its own entry after ours: not the peer either.
    const moved = new Headers({ "x-forwarded-for": "::ffff:198.51.100.4, 6.6.6.6", [PEER_HEADER]: `${nonce} ::ffff:198.51.100.4` });
    expect(clientIp(moved, env())).toBeNull();
  });

  it("appends the socket's address on a real server, after anything the client sent", async () => {
    installPeerStamp();
    const server = http.createServer((req, res) => res.end(JSON.stringify(req.headers)));
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = server.address() as AddressInfo;
      const res = await fetch(`http://127.0.0.1:${port}/`, { headers: { "x-forwarded-for": "6.6.6.6", [PEER_HEADER]: "forged 6.6.6.6" } });
      const seen = (await res.json()) as Record<string, string>;
      expect(seen["x-forwarded-for"]).toBe("6.6.6.6, 127.0.0.1");
      expect(clientIp(new Headers(seen), env())).toBe("127.0.0.1");
      expect(clientIp(new Headers(seen), env("1"))).toBe("6.6.6.6");
    } finally {
      server.close();
    }
  });
});
