import { randomUUID } from "node:crypto";
import { db } from "@/lib/db/client";
import { newId } from "@/lib/db/ids";
import { recountRollup } from "@/lib/request-log/rollup";

interface Caller {
  id: string;
  name: string;
  userId: string;
  /** How much of the traffic this credential makes, relative to the others. */
  weight: number;
}

interface Call {
  method: string;
  path: string;
  weight: number;
  body?: string;
  /** [status, probability] after the rest are 2xx; the first entry is the success status. */
  outcomes: [number, number][];
  response: (status: number) => string;
}

/** Records in the 5xx blip and in the 429 burst (the first credential's). */
const BLIP = 8;
const BURST = 25;

const PRODUCTS = ["drum-kit-samples", "synth-presets", "mixing-handbook"];

const CALLS: Call[] = [
  {
    method: "GET",
    path: "/api/products",
    weight: 30,
    outcomes: [[200, 1]],
    response: () => JSON.stringify(PRODUCTS.map((id) => ({ product: { id, status: "published" } }))),
  },
  {
    method: "POST",
    path: "/api/generate-download-url",
    weight: 25,
    body: JSON.stringify({ productId: "drum-kit-samples", version: "1.1.0" }),
    outcomes: [
      [201, 1],
      [422, 0.04],
      [404, 0.02],
    ],
    response: (s) => (s === 201 ? JSON.stringify({ url: "https://demo.invalid/download?token=ct_…", expiresAt: "…" }) : problem(s)),
  },
  {
    method: "POST",
    path: "/api/purchases",
    weight: 12,
    body: JSON.stringify({ email: "buyer@example.net", productId: "synth-presets", externalId: "order_…" }),
    outcomes: [
      [201, 1],
      [200, 0.08],
      [422, 0.03],
    ],
    response: (s) => (s < 300 ? JSON.stringify({ id: "c…", email: "buyer@example.net", productId: "synth-presets" }) : problem(s)),
  },
  { method: "GET", path: "/api/whoami", weight: 10, outcomes: [[200, 1]], response: () => JSON.stringify({ data: { type: "whoami" } }) },
  { method: "GET", path: "/api/purchases", weight: 8, outcomes: [[200, 1]], response: () => "[]" },
  {
    method: "GET",
    path: "/api/products/mixing-handbook",
    weight: 5,
    outcomes: [
      [200, 1],
      [404, 0.05],
    ],
    response: (s) => (s === 200 ? "{}" : problem(s)),
  },
];

const problem = (status: number) =>
  JSON.stringify({ status, code: status === 404 ? "NOT_FOUND" : status === 422 ? "VALIDATION_FAILED" : "ERROR" });

/** Seeded, so two demo databases look alike. */
function random(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

function pick<T extends { weight: number }>(items: T[], r: number): T {
  const total = items.reduce((n, i) => n + i.weight, 0);
  let x = r * total;
  for (const item of items) if ((x -= item.weight) <= 0) return item;
  return items[items.length - 1];
}

/**
 * A week of API traffic as the viewer shows it: busier in the daytime, mostly
 * 2xx, some 4xx, a 429 burst from one key, and a short 5xx blip (a database
 * restart) two days ago. Latencies are skewed the way real ones are.
 */
export async function demoRequestLog(orgId: string, callers: Caller[], opts: { count: number; now: Date }) {
  const rand = random(42);
  const week = 7 * 24 * 3_600_000;
  const rows = [];
  for (let i = 0; i < opts.count; i++) {
    let at = opts.now.getTime() - rand() * week;
    const hour = new Date(at).getUTCHours();
    if ((hour < 7 || hour > 22) && rand() < 0.6) at -= 10 * 3_600_000; // fewer calls at night
    at = Math.max(at, opts.now.getTime() - week + 60_000);
    let caller = pick(callers, rand());
    const call = pick(CALLS, rand());
    let status = caller.name === "Old checkout" ? 401 : outcome(call, rand());
    if (i < BLIP) {
      at = opts.now.getTime() - 50 * 3_600_000 + i * 20_000;
      status = 503;
    } else if (i < BLIP + BURST) {
      at = opts.now.getTime() - 26 * 3_600_000 + i * 1_000;
      caller = callers[0];
      status = 429;
    }
    const duration = Math.round(4 + Math.exp(rand() * 3.2) + (call.method === "POST" ? 12 : 0));
    rows.push({
      id: newId(at),
      orgId,
      createdAt: new Date(at),
      requestId: randomUUID(),
      method: call.method,
      path: call.path,
      query: null,
      status,
      statusClass: Math.floor(status / 100),
      durationMs: duration,
      keyId: caller.id,
      keyName: caller.name,
      userId: caller.userId,
      ip: `198.51.100.${1 + Math.floor(rand() * 40)}`,
      userAgent: caller.name === "Fulfilment worker" ? "fulfilment-worker/2.3" : "storefront-node/1.8.0",
      requestHeaders: { authorization: "Bearer ct_…", "content-type": call.body ? "application/json" : undefined },
      requestBody: call.body ?? null,
      responseBody: status === 401 ? problem(401) : status === 429 ? problem(429) : status === 503 ? problem(503) : call.response(status),
    });
  }
  for (let i = 0; i < rows.length; i += 500) await db.requestLog.createMany({ data: rows.slice(i, i + 500) });
  // Written past the log writer: count them into the charts' rollup here.
  await recountRollup(orgId);
  return rows.length;
}

function outcome(call: Call, r: number): number {
  let x = r;
  for (const [status, p] of call.outcomes.slice(1)) if ((x -= p) < 0) return status;
  return call.outcomes[0][0];
}
