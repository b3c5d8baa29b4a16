/**
 * Every route under app/api and app/oauth/token, as data. The 405 answers read
 * `Allow` from here; tests/api/route-table.test.ts fails when a route file and this
 * table disagree, and tests/hostile-input.test.ts walks it with hostile requests.
 */
export const ROUTE_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
export type RouteMethod = (typeof ROUTE_METHODS)[number];

export interface MethodSpec {
  /** bearer: an API key or access token; client: OAuth client credentials; session: next-auth's own. */
  auth: "none" | "bearer" | "client" | "session";
  /** What the handler reads: a JSON object, the raw bytes (a file), a form, or nothing. */
  body?: "json" | "raw" | "form";
  /** A body the route accepts (tests start from it). */
  sample?: unknown;
}

export interface RouteSpec {
  /** `{name}` is one path segment, `{...name}` one or more. */
  path: string;
  methods: Partial<Record<RouteMethod, MethodSpec>>;
}

const bearer: MethodSpec = { auth: "bearer" };
const json = (sample: unknown): MethodSpec => ({ auth: "bearer", body: "json", sample });

export const API_ROUTES: readonly RouteSpec[] = [
  { path: "/api/auth/{...nextauth}", methods: { GET: { auth: "session" }, POST: { auth: "session", body: "form" } } },
  { path: "/api/generate-download-url", methods: { POST: json({ productId: "epic-drums-v1", version: "1.0.0" }) } },
  { path: "/api/health", methods: { GET: { auth: "none" } } },
  {
    path: "/api/integrations/stripe",
    methods: { GET: bearer, PUT: json({ webhookSecret: "whsec_c2FtcGxlc2VjcmV0c2FtcGxl" }), DELETE: bearer },
  },
  { path: "/api/integrations/stripe/prices/{stripeId}", methods: { PUT: json({ productId: "epic-drums-v1" }), DELETE: bearer } },
  {
    path: "/api/integrations/stripe/webhook/{endpointId}",
    methods: { POST: { auth: "none", body: "raw", sample: '{"id":"evt_1","type":"checkout.session.completed"}' } },
  },
  { path: "/api/keys", methods: { GET: bearer, POST: json({ name: "Storefront", scopes: ["read"] }) } },
  { path: "/api/keys/{id}", methods: { GET: bearer, PATCH: json({ name: "Renamed", rateLimitPerMinute: 120 }), DELETE: bearer } },
  { path: "/api/keys/{id}/disable", methods: { POST: bearer } },
  { path: "/api/keys/{id}/enable", methods: { POST: bearer } },
  { path: "/api/keys/{id}/roll", methods: { POST: json({ gracePeriod: "1h" }) } },
  { path: "/api/meta", methods: { GET: { auth: "none" } } },
  { path: "/api/oauth-clients", methods: { GET: bearer, POST: json({ name: "Warehouse", scopes: ["read"] }) } },
  { path: "/api/oauth-clients/{id}", methods: { GET: bearer, DELETE: bearer } },
  { path: "/api/oauth-clients/{id}/disable", methods: { POST: bearer } },
  { path: "/api/oauth-clients/{id}/enable", methods: { POST: bearer } },
  { path: "/api/oauth-clients/{id}/rotate", methods: { POST: json({ gracePeriod: "1h" }) } },
  { path: "/api/openapi.json", methods: { GET: { auth: "none" } } },
  { path: "/api/products", methods: { GET: bearer, POST: json({ id: "epic-drums-v1", name: "Epic Drum Kit" }) } },
  { path: "/api/products/{id}", methods: { GET: bearer, PATCH: json({ name: "Epic Drum Kit Vol. 2" }), DELETE: bearer } },
  { path: "/api/products/{id}/versions", methods: { POST: json({ version: "1.0.1" }) } },
  { path: "/api/products/{id}/versions/{version}/activate", methods: { POST: json({ notifyBuyers: false }) } },
  { path: "/api/products/{id}/versions/{version}/files", methods: { GET: bearer } },
  {
    path: "/api/products/{id}/versions/{version}/files/{filename}",
    methods: { PUT: { auth: "bearer", body: "raw", sample: "PK\u0003\u0004 sample" }, DELETE: { auth: "bearer" } },
  },
  {
    path: "/api/purchases",
    methods: { GET: bearer, POST: json({ email: "buyer@example.com", productId: "epic-drums-v1", externalId: "order_1" }) },
  },
  { path: "/api/purchases/{id}", methods: { DELETE: bearer } },
  { path: "/api/requests", methods: { GET: bearer } },
  { path: "/api/requests/{id}", methods: { GET: bearer } },
  { path: "/api/v1/users/me", methods: { GET: bearer } },
  {
    path: "/api/webhooks",
    methods: { GET: bearer, POST: json({ url: "https://example.com/hooks", events: ["purchase.created"], description: "Fulfilment" }) },
  },
  { path: "/api/webhooks/{id}", methods: { GET: bearer, PATCH: json({ events: ["purchase.created", "key.revoked"] }), DELETE: bearer } },
  { path: "/api/webhooks/{id}/deliveries", methods: { GET: bearer } },
  { path: "/api/webhooks/{id}/deliveries/{deliveryId}/resend", methods: { POST: bearer } },
  { path: "/api/webhooks/{id}/rotate", methods: { POST: json({ gracePeriod: "1h" }) } },
  { path: "/api/webhooks/{id}/test", methods: { POST: bearer } },
  { path: "/api/whoami", methods: { GET: bearer } },
  { path: "/oauth/token", methods: { POST: { auth: "client", body: "form", sample: "grant_type=client_credentials" } } },
];

/** The table entry Next would route `pathname` to (static segments beat parameters), or null. */
export function matchRoute(pathname: string): RouteSpec | null {
  const segments = pathname.split("/").filter(Boolean);
  let best: { route: RouteSpec; literals: number } | null = null;
  for (const route of API_ROUTES) {
    const literals = matchSegments(route.path.split("/").filter(Boolean), segments);
    if (literals !== null && (!best || literals > best.literals)) best = { route, literals };
  }
  return best?.route ?? null;
}

/** Number of literal segments matched, or null when the template does not match. */
function matchSegments(template: string[], segments: string[]): number | null {
  let literals = 0;
  for (let i = 0; i < template.length; i++) {
    const part = template[i];
    if (part.startsWith("{...")) return i < segments.length ? literals : null;
    if (i >= segments.length) return null;
    if (part.startsWith("{")) continue;
    if (part !== segments[i]) return null;
    literals++;
  }
  return template.length === segments.length ? literals : null;
}

/** The `Allow` header for a path: its methods, HEAD where GET is, and OPTIONS. */
export function allowHeader(pathname: string): string {
  const methods: string[] = Object.keys(matchRoute(pathname)?.methods ?? {});
  if (methods.includes("GET")) methods.push("HEAD");
  return [...methods, "OPTIONS"].join(", ");
}

/** app/api/keys/[id]/route.ts for /api/keys/{id}. */
export const routeFile = (path: string) =>
  `app${path.replace(/\{(\.\.\.)?(\w+)\}/g, (_, dots: string | undefined, name: string) => `[${dots ?? ""}${name}]`)}/route.ts`;
