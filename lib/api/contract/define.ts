import "zod-openapi";
import type { z } from "zod";
import type { Permission } from "@/lib/auth/permissions";

export const TAGS = {
  Identity: "Who a credential acts as.",
  Keys: "Integration API keys (owners and admins, `admin` scope).",
  "OAuth clients": "OAuth 2.0 client-credentials apps (owners and admins, `admin` scope).",
  OAuth: "Exchanging client credentials for a short-lived access token.",
  Products: "Products, versions and their files.",
  Downloads: "Download URLs for buyers, and the pages and files they open.",
  Purchases: "Purchases recorded by a storefront.",
  Requests: "The organisation's API request history.",
  Webhooks: "Outbound webhook endpoints, their signing secrets and deliveries (owners and admins, `admin` scope).",
  Stripe: "Stripe: the signing secret, which prices deliver which product, and the webhook Stripe calls.",
  System: "Health, metadata and this document.",
} as const;
export type Tag = keyof typeof TAGS;

export type ErrorStatus = 400 | 401 | 403 | 404 | 408 | 409 | 410 | 413 | 422 | 429 | 503;

export interface ResponseContract {
  description: string;
  /** Omitted: no body (204), or a body documented by `contentType` alone. */
  schema?: z.ZodType;
  contentType?: string;
  example?: unknown;
  /** Headers beyond the ones every answer carries (X-Request-Id, RateLimit-*). */
  headers?: z.ZodObject;
}

export interface OperationContract {
  operationId: string;
  tag: Tag;
  summary: string;
  description?: string;
  /**
   * bearer: a `ct_` key or an OAuth access token with `scope`; none: anyone;
   * client: OAuth client credentials (HTTP Basic or the form body); link: a download token in the query.
   */
  auth: "bearer" | "none" | "client" | "link";
  /**
   * bearer only: the permission the route declares (`apiRoute({ permission })`). The documented scope is
   * the one lib/auth/permissions.ts PERMISSION_TABLE gives it; tests/api/openapi.test.ts checks the route agrees.
   */
  permission?: Permission;
  path?: z.ZodObject;
  query?: z.ZodObject;
  /** Request headers the operation reads (Idempotency-Key is added where it applies). */
  headers?: z.ZodObject;
  body?: {
    schema: z.ZodType;
    contentType?: string;
    example?: unknown;
    required?: boolean;
    description?: string;
  };
  /** Honours Idempotency-Key: by default every authenticated POST does (lib/api/route.ts). */
  idempotent?: boolean;
  /** Paged by `Link: <…>; rel="next"` on the success answer. */
  paged?: boolean;
  /** Success answers, by status. */
  responses: Partial<Record<200 | 201 | 202 | 204 | 206 | 416, ResponseContract>>;
  /** Error statuses besides the ones auth, bodies and idempotency imply (lib/api/openapi.ts adds those). */
  errors?: ErrorStatus[];
  /** Problem details are the default; /oauth/token answers RFC 6749 errors, the download pages HTML. */
  errorBody?: { schema: z.ZodType; contentType: string; example?: unknown };
}

export type ContractMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface RouteContract {
  /** As in lib/api/routes.ts: `{name}` is one path segment. */
  path: string;
  methods: Partial<Record<ContractMethod, OperationContract>>;
}

/** A route's contract, written beside its route.ts as `contract.ts` and listed in lib/api/contracts.ts. */
export const defineRoute = (path: string, methods: RouteContract["methods"]): RouteContract => ({ path, methods });
