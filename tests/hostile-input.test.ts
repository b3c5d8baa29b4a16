/**
 * Every route in lib/api/routes.ts, called in-process the way Next calls it, with
 * hostile bodies, paths and query strings. Nothing may answer 5xx; every 4xx is in
 * the documented shape; every request sent with a credential is in the history.
 */
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { API_ROUTES, ROUTE_METHODS, routeFile, type MethodSpec, type RouteSpec } from "@/lib/api/routes";
import { createWebhookEndpoint, sendTestEvent } from "@/lib/webhooks/manage";
import { db } from "@/lib/db/client";
import { createIntegrationKey } from "@/lib/keys/manage";
import { createOAuthClient } from "@/lib/oauth/clients";
import { activateVersion, createProduct, createVersion } from "@/lib/products/products";
import { uploadFile } from "@/lib/products/files";
import { recordPurchase } from "@/lib/purchases/purchases";
import { useRateLimiter } from "@/lib/ratelimit/limiter";
import { MemoryRateLimiter } from "@/lib/ratelimit/memory";
import { requestLogWriter } from "@/lib/request-log/writer";
import { actorFor, createOrgWith, personalKey } from "./fixtures";
import { assertMatchesContract } from "./api/contract";

type Handler = (req: Request, segment: { params: Promise<Record<string, string | string[]>> }) => Promise<Response>;

const root = path.resolve(import.meta.dirname, "..");
const MB = 1024 * 1024;
const TEN_MB = "x".repeat(10 * MB);
const deep = (n: number, open: string, close: string, inner: string) => open.repeat(n) + inner + close.repeat(n);

/** Hostile variants of a JSON body: each is [label, body, content type or null]. */
function jsonBodies(sample: Record<string, unknown>): [string, BodyInit | null, string | null][] {
  const text = JSON.stringify(sample);
  const fields = Object.keys(sample);
  const each = (value: unknown) => JSON.stringify(Object.fromEntries(fields.map((f) => [f, value])));
  const J = "application/json";
  return [
    ["valid", text, J],
    ["empty, no type", null, null],
    ["empty, json type", "", J],
    ["whitespace", " \n\t ", J],
    ["truncated", text.slice(0, Math.ceil(text.length / 2)), J],
    ["lone brace", "{", J],
    ["trailing comma", text.replace(/}$/, ",}"), J],
    ["null", "null", J],
    ["array", "[]", J],
    ["string", '"hello"', J],
    ["number", "123", J],
    ["numbers for fields", each(12345), J],
    ["arrays for fields", each([]), J],
    ["objects for fields", each({ $gt: "" }), J],
    ["nulls for fields", each(null), J],
    ["booleans for fields", each(true), J],
    ["1e309", each(1e308).replace(/1e\+308/g, "1e309"), J],
    ["900 KB strings", each("a".repeat(900_000 / Math.max(fields.length, 1))), J],
    ["1 MB + 1 string", JSON.stringify({ ...sample, [fields[0] ?? "x"]: "a".repeat(MB + 1) }), J],
    ["10 MB, Content-Length", JSON.stringify({ x: TEN_MB }), J],
    ["10 MB, streamed without Content-Length", "STREAM", J],
    ["10,000-deep objects", deep(10_000, '{"a":', "}", "1"), J],
    ["10,000-deep arrays", JSON.stringify({ ...sample, [fields[0] ?? "x"]: "§" }).replace('"§"', deep(10_000, "[", "]", "")), J],
    ["__proto__", text.replace(/^{/, '{"__proto__":{"isAdmin":true,"role":"owner"},'), J],
    ["constructor.prototype", text.replace(/^{/, '{"constructor":{"prototype":{"polluted":true}},'), J],
    ["NUL escaped in every field", each("a\u0000b"), J],
    ["NUL in a key", text.replace(/^{/, '{"k\\u0000":1,'), J],
    ["raw NUL byte", text.replace(/^{/, '{"x":"a\u0000b",'), J],
    ["RTL and emoji", each("\u202Eevil\u202C \u05e9\u05dc\u05d5\u05dd 🎉👩‍👩‍👧 ﷽"), J],
    ["lone surrogate", each("\ud800x"), J],
    ["traversal", each("../../etc/passwd"), J],
    ["encoded traversal", each("%2e%2e%2f%2e%2e%2fetc%2fpasswd"), J],
    ["invalid UTF-8", Buffer.concat([Buffer.from('{"name":"'), Buffer.from([0xc3, 0x28, 0xff, 0xfe]), Buffer.from('"}')]), J],
    ["BOM", `\ufeff${text}`, J],
    ["duplicate keys", text.replace(/^{/, `{"${fields[0] ?? "x"}":"first",`), J],
    ["text/plain", text, "text/plain"],
    ["form type", "name=x&id=y", "application/x-www-form-urlencoded"],
    ["multipart", '--b\r\nContent-Disposition: form-data; name="name"\r\n\r\nx\r\n--b--', "multipart/form-data; boundary=b"],
    ["no type, JSON body", text, null],
    ["utf-16 charset", text, "application/json; charset=utf-16"],
    ["vendor +json", text, "application/vnd.api+json"],
  ];
}

/** Hostile variants of an application/x-www-form-urlencoded body (/oauth/token). */
function formBodies(): [string, BodyInit | null, string | null][] {
  const F = "application/x-www-form-urlencoded";
  const base = "grant_type=client_credentials&client_id=ctc_unknownunknownunknown&client_secret=cts_x";
  return [
    ["valid shape, unknown client", base, F],
    ["empty", null, F],
    ["no type", base, null],
    ["json", '{"grant_type":"client_credentials"}', "application/json"],
    ["NUL client_id", base.replace("ctc_unknown", "a%00b"), F],
    ["raw NUL", `${base}\u0000`, F],
    ["broken percent", "grant_type=%E0%A4%A&client_id=%&client_secret=%zz", F],
    ["duplicate", `${base}&client_id=again`, F],
    ["unknown grant", "grant_type=password&username=a&password=b", F],
    ["scope NUL", `${base}&scope=read%00`, F],
    ["RTL emoji", `${base}&scope=${encodeURIComponent("\u202E🎉")}`, F],
    ["traversal", `${base}&scope=..%2F..%2Fetc%2Fpasswd`, F],
    ["1 MB", `${base}&x=${"a".repeat(MB)}`, F],
    ["10 MB, Content-Length", `${base}&x=${TEN_MB}`, F],
    ["10 MB streamed", "STREAM", F],
    ["deep brackets", `${base}&a${"[a]".repeat(10_000)}=1`, F],
    ["__proto__", `${base}&__proto__[x]=1&constructor[prototype][y]=1`, F],
    ["invalid UTF-8", Buffer.concat([Buffer.from(`${base}&x=`), Buffer.from([0xc3, 0x28, 0xff])]), F],
  ];
}

/** Raw bodies for an upload (PUT …/files/{filename}). */
function rawBodies(): [string, BodyInit | null, string | null][] {
  const O = "application/octet-stream";
  return [
    ["bytes", "PK\u0003\u0004 sample", O],
    ["empty", null, O],
    ["empty string", "", O],
    ["NUL bytes", "\u0000\u0000\u0000", O],
    ["text", "hello", "text/plain"],
    ["json", '{"a":1}', "application/json"],
    ["no type", "abc", null],
    ["1 MB", Buffer.alloc(MB, 1), O],
    ["streamed", "STREAM", O],
  ];
}

/** Path parameter values an attacker would try; each is sent decoded (as Next passes them). */
const BAD_PARAMS = [
  "../../etc/passwd",
  "..",
  ".",
  "%2e%2e%2f",
  "%2e%2e%2fetc%2fpasswd",
  "a\u0000b",
  "%00",
  "%E0%A4%A",
  "%",
  "\u202Eevil 🎉",
  "a".repeat(10_000),
  " ",
  "a/b",
];

const BAD_QUERIES = [
  "limit=0x10",
  "limit=-1",
  "limit=1e3",
  "limit=99999999999999999999",
  "cursor=%00",
  "cursor=../../etc",
  `cursor=${"z".repeat(5000)}`,
  "from=%2B275760-09-13T00:00:00.000Z",
  "to=banana",
  "status=9xx",
  "email=a%00b",
  "path=%25%5F%5C",
  "x=%E0%A4%A",
  "include_revoked=%00",
];

let token: string;
let orgId: string;
let params: Record<string, string>;
let sentWithCredential = 0;
const failures: string[] = [];

function stream(size: number): ReadableStream<Uint8Array> {
  const chunk = new Uint8Array(64 * 1024).fill(120);
  let sent = 0;
  return new ReadableStream({
    pull(controller) {
      if (sent >= size) return controller.close();
      controller.enqueue(chunk);
      sent += chunk.byteLength;
    },
  });
}

function urlFor(route: RouteSpec, values: Record<string, string>, query = ""): string {
  // A value with % goes into the URL as-is (%2e%2e%2f, broken %E0%A4%A), the way a client would send it.
  const p = route.path.replace(/\{(?:\.\.\.)?(\w+)\}/g, (_, name: string) =>
    values[name].includes("%") ? values[name] : encodeURIComponent(values[name]),
  );
  return `http://localhost${p}${query ? `?${query}` : ""}`;
}

async function send(
  route: RouteSpec,
  method: string,
  spec: MethodSpec | undefined,
  opts: { body?: BodyInit | null; type?: string | null; values?: Record<string, string>; query?: string; label: string },
) {
  const mod = (await import(/* @vite-ignore */ path.join(root, routeFile(route.path)))) as Record<string, Handler>;
  const values = opts.values ?? params;
  const headers = new Headers({ "x-forwarded-for": `198.51.100.${sentWithCredential % 250}` });
  const withCredential = spec?.auth !== "client" && spec?.auth !== "none";
  if (withCredential) headers.set("authorization", `Bearer ${token}`);
  if (opts.type) headers.set("content-type", opts.type);
  const streamed = opts.body === "STREAM";
  const init: RequestInit & { duplex?: "half" } = { method, headers };
  if (opts.body !== undefined && opts.body !== null && method !== "GET") {
    init.body = streamed ? stream(10 * MB) : opts.body;
    if (streamed) init.duplex = "half";
    // Like curl: a declared length for every body but the streamed ones.
    else if (typeof opts.body === "string" || Buffer.isBuffer(opts.body))
      headers.set("content-length", String(Buffer.byteLength(opts.body)));
  }
  const req = new Request(urlFor(route, values, opts.query), init);
  const routeParams = Object.fromEntries(
    Object.keys(values)
      .filter((k) => route.path.includes(`{${k}}`))
      .map((k) => [k, values[k]]),
  );
  if (withCredential) sentWithCredential++;
  let res: Response;
  try {
    res = await mod[method](req, { params: Promise.resolve(routeParams) });
  } catch (err) {
    failures.push(`${method} ${route.path} [${opts.label}]: threw ${(err as Error).message}`);
    return;
  }
  await check(res, `${method} ${route.path} [${opts.label}]`, spec?.auth === "client", req, route.path);
}

/** `template`: the route the handler serves (a hostile id such as `.` makes the URL normalise to another route's path). */
async function check(res: Response, what: string, oauth: boolean, req: Request, template: string) {
  const text = await res.text();
  const fail = (why: string) => failures.push(`${what}: ${res.status} ${why} ${text.slice(0, 200)}`);
  if (res.status >= 500) return fail("5xx");
  try {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = undefined;
    }
    assertMatchesContract(req.method, req.url, { status: res.status, headers: res.headers, text, body: parsed }, template);
  } catch (err) {
    return fail(`off the OpenAPI document: ${(err as Error).message}`);
  }
  if (!res.headers.get("x-request-id")) return fail("no X-Request-Id");
  if (res.status < 400) return;
  let body: Record<string, unknown>;
  try {
    body = JSON.parse(text);
  } catch {
    return fail("4xx body is not JSON");
  }
  if (oauth) {
    if (typeof body.error !== "string" || res.headers.get("content-type") !== "application/json") fail("not an RFC 6749 error");
    return;
  }
  const ok =
    res.headers.get("content-type") === "application/problem+json" &&
    body.status === res.status &&
    typeof body.code === "string" &&
    body.type === `urn:continuata:error:${(body.code as string).toLowerCase().replace(/_/g, "-")}` &&
    typeof body.title === "string" &&
    typeof body.detail === "string" &&
    body.error === body.detail &&
    typeof body.instance === "string" &&
    body.request_id === res.headers.get("x-request-id");
  if (!ok) fail("not problem+json");
}

/** Routes the walk covers: next-auth's sign-in speaks its own protocol and needs Next's request scope. */
const walked = API_ROUTES.filter((r) => !r.path.startsWith("/api/auth/"));

beforeAll(async () => {
  useRateLimiter(new MemoryRateLimiter());
  const { org, owner } = await createOrgWith();
  orgId = org.id;
  const actor = actorFor(owner);
  token = (await personalKey(org.id, owner)).token;
  await db.apiKey.updateMany({ where: { orgId }, data: { rateLimitPerMinute: 100_000 } });
  const target = await createIntegrationKey(actor, org.id, { name: "Target" });
  const { client } = await createOAuthClient(actor, org.id, { name: "Target app" });
  await createProduct(actor, org.id, { id: "epic-drums-v1", name: "Epic Drums" });
  await createVersion(actor, org.id, "epic-drums-v1", { version: "1.0.0" });
  await uploadFile(actor, org.id, "epic-drums-v1", "1.0.0", "drums.zip", new Response("PK\u0003\u0004 drums").body, "application/zip");
  await activateVersion(actor, org.id, "epic-drums-v1", "1.0.0");
  const { purchase } = await recordPurchase(actor, org.id, { email: "buyer@example.com", productId: "epic-drums-v1" });
  const { endpoint: hook } = await createWebhookEndpoint(actor, org.id, { url: "https://example.com/hooks", events: ["purchase.created"] });
  const delivery = await sendTestEvent(actor, org.id, hook.id);
  params = {
    id: target.key.id,
    version: "1.0.0",
    filename: "new.zip",
    stripeId: "plink_hostile1",
    endpointId: "unknown-endpoint",
    deliveryId: delivery.id,
  };
  // Each route family's {id} names one of its own rows.
  paramsFor = (route) => ({
    ...params,
    id: route.path.startsWith("/api/oauth-clients")
      ? client.id
      : route.path.startsWith("/api/products")
        ? "epic-drums-v1"
        : route.path.startsWith("/api/purchases")
          ? purchase.id
          : route.path.startsWith("/api/requests")
            ? "c000000000000000000000000"
            : route.path.startsWith("/api/webhooks")
              ? hook.id
              : target.key.id,
  });
}, 60_000);

let paramsFor: (route: RouteSpec) => Record<string, string>;

describe("hostile input on every route of the table", () => {
  it("covers every route of the table but next-auth's", () => {
    expect(walked.length).toBe(API_ROUTES.length - 1);
  });

  it("bodies: ≥30 per write route, no 5xx, documented 4xx shape", async () => {
    for (const route of walked) {
      for (const [method, spec] of Object.entries(route.methods) as [string, MethodSpec][]) {
        if (method === "GET") continue;
        const bodies =
          spec.body === "form"
            ? formBodies()
            : spec.body === "raw"
              ? rawBodies()
              : jsonBodies((spec.sample as Record<string, unknown>) ?? { name: "x" });
        if (spec.body !== "form" && spec.body !== "raw") expect(bodies.length).toBeGreaterThanOrEqual(30);
        for (const [label, body, type] of bodies) await send(route, method, spec, { body, type, values: paramsFor(route), label });
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("paths and queries: traversal, NUL, broken encoding, long ids; wrong methods → 405", async () => {
    for (const route of walked) {
      for (const [method, spec] of Object.entries(route.methods) as [string, MethodSpec][]) {
        const names = [...route.path.matchAll(/\{(?:\.\.\.)?(\w+)\}/g)].map((m) => m[1]);
        for (const name of names) {
          for (const bad of BAD_PARAMS) {
            await send(route, method, spec, {
              values: { ...paramsFor(route), [name]: bad },
              label: `${name}=${bad.slice(0, 20)}`,
              body: spec.body === "json" ? JSON.stringify(spec.sample) : spec.body === "raw" ? "bytes" : undefined,
              type: spec.body === "json" ? "application/json" : null,
            });
          }
        }
        if (method === "GET")
          for (const query of BAD_QUERIES) await send(route, method, spec, { values: paramsFor(route), query, label: query.slice(0, 30) });
      }
      for (const method of ROUTE_METHODS.filter((m) => !(m in route.methods))) {
        await send(route, method, { auth: "bearer" }, { values: paramsFor(route), label: "405", body: "{}", type: "application/json" });
      }
    }
    expect(failures).toEqual([]);
  }, 120_000);

  it("the request history holds exactly one record per request sent with a credential", async () => {
    const drained = await Promise.race([
      requestLogWriter()
        .drain()
        .then(() => true),
      new Promise<false>((r) => setTimeout(() => r(false), 20_000).unref()),
    ]);
    expect(drained, "the request-log writer did not drain within 20 s").toBe(true);
    const rows = await db.requestLog.count({ where: { orgId } });
    expect(rows).toBe(sentWithCredential);
  }, 60_000);
});
