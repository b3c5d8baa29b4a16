import { BlockList, isIP } from "node:net";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";

/**
 * SSRF guard for webhook targets. In production an endpoint may not point into the
 * server's own network: loopback, private, link-local (cloud metadata), CGNAT,
 * unique-local, multicast and unspecified addresses are refused. Development and
 * tests deliver to local receivers (WEBHOOK_ALLOW_PRIVATE=1 allows them in production too).
 */
// Two lists: one BlockList would match every IPv4 address against the IPv4-mapped IPv6 rule.
const blocked4 = new BlockList();
const blocked6 = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  blocked4.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  // IPv4-mapped and NAT64 forms would reach IPv4 addresses around the list above.
  ["::ffff:0:0", 96],
  ["64:ff9b::", 96],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
] as const)
  blocked6.addSubnet(net, prefix, "ipv6");

export const privateTargetsAllowed = (env: NodeJS.ProcessEnv = process.env) =>
  env.NODE_ENV !== "production" || env.WEBHOOK_ALLOW_PRIVATE === "1";

export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) return false;
  return family === 4 ? !blocked4.check(address, "ipv4") : !blocked6.check(address, "ipv6");
}

export class TargetRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "TargetRefused";
  }
}

/** A URL's host as Node connects to it ("[::1]" → "::1"). */
export const hostOf = (url: URL) => url.hostname.replace(/^\[|\]$/g, "").replace(/\.$/, "");

/** Refuses a literal private address or localhost up front (Node connects to literal IPs without a lookup). */
export function checkLiteralHost(url: URL, env: NodeJS.ProcessEnv = process.env): void {
  if (privateTargetsAllowed(env)) return;
  const host = hostOf(url).toLowerCase();
  if (host === "localhost" || host.endsWith(".localhost")) throw new TargetRefused(`${host} is not a public address.`);
  if (isIP(host) && !isPublicAddress(host)) throw new TargetRefused(`${host} is not a public address.`);
}

/**
 * A `lookup` for http.request that resolves every address of the host and refuses
 * the connection when any is private. Checking at connect time, on the address the
 * socket then uses, closes the DNS-rebinding gap between a check and the request.
 */
export function guardedLookup(env: NodeJS.ProcessEnv = process.env) {
  const allow = privateTargetsAllowed(env);
  return (
    hostname: string,
    options: { family?: number | string; all?: boolean },
    callback: (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void,
  ) => {
    dnsLookup(hostname, { all: true, family: typeof options.family === "number" ? options.family : 0 }, (err, addresses) => {
      if (err) return callback(err, []);
      if (!allow) {
        const bad = addresses.find((a) => !isPublicAddress(a.address));
        if (bad) return callback(new TargetRefused(`${hostname} resolves to ${bad.address}, which is not a public address.`), []);
      }
      if (options.all) return callback(null, addresses);
      callback(null, addresses[0].address, addresses[0].family);
    });
  };
}
