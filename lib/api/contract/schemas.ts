import "zod-openapi";
import { z } from "zod";
import { SCOPES } from "@/lib/keys/scopes";
import { pageSchema } from "@/lib/api/pagination";

/**
 * Response shapes the API sends, shared by several operations. Each `id` becomes a
 * `#/components/schemas/…` entry of the generated document (lib/api/openapi.ts), and
 * tests/api/contract.ts validates every answer the test suite receives against it.
 */

const dateTime = () => z.iso.datetime({ offset: true });
const nullableDateTime = () => dateTime().nullable();

export const ERROR_CODES = [
  "BAD_REQUEST",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "INSUFFICIENT_SCOPE",
  "NOT_FOUND",
  "METHOD_NOT_ALLOWED",
  "REQUEST_TIMEOUT",
  "CONFLICT",
  "PAYLOAD_TOO_LARGE",
  "VALIDATION_FAILED",
  "RATE_LIMITED",
  "INTERNAL",
  "UNAVAILABLE",
] as const;

export const Problem = z
  .object({
    type: z.string().meta({ example: "urn:continuata:error:not-found" }),
    title: z.string().meta({ example: "Not Found" }),
    status: z.int(),
    detail: z.string(),
    code: z.enum(ERROR_CODES),
    instance: z.string().meta({ description: "The request path." }),
    request_id: z.string().meta({ description: "Same as the X-Request-Id header; quote it when reporting a problem." }),
    error: z.string().meta({ description: "Same as `detail`, for clients written against older answers." }),
    message: z.string().optional().meta({ description: "422 only: same as `detail`." }),
    errors: z
      .record(z.string(), z.array(z.string()))
      .optional()
      .meta({ description: "422 only: messages per field (`_` for the body as a whole).", example: { name: ["name is required."] } }),
  })
  .meta({ id: "Problem", description: "RFC 9457 problem details, plus `error` and, for 422, `message` and per-field `errors`." });

export const Scope = z.enum(SCOPES).meta({ id: "Scope", description: "`admin` implies `write` implies `read`." });

export const Role = z.enum(["owner", "admin", "member"]).meta({ id: "Role" });

const UserRef = z.object({ id: z.string(), email: z.string().nullable() }).meta({ id: "UserRef" });

export const ApiKey = z
  .object({
    id: z.string(),
    name: z.string(),
    kind: z.enum(["personal", "integration"]),
    hint: z.string().meta({ example: "ct_…Xhl6" }),
    scopes: z.array(Scope),
    state: z.enum(["active", "disabled", "revoked", "expired", "rolling"]),
    user: UserRef.meta({ description: "The user the key acts as (its role decides what the key may do)." }),
    createdBy: UserRef,
    createdAt: dateTime(),
    lastUsedAt: nullableDateTime(),
    lastUsedIp: z.string().nullable(),
    expiresAt: nullableDateTime(),
    disabledAt: nullableDateTime(),
    revokedAt: nullableDateTime(),
    rateLimitPerMinute: z.int().nullable().meta({ description: "The key's own per-minute limit; null: the organisation's." }),
  })
  .meta({ id: "ApiKey" });

export const NewApiKey = ApiKey.extend({
  key: z.string().meta({ description: "The full secret: only in this response, never again.", example: "ct_live_…" }),
}).meta({ id: "NewApiKey" });

export const OAuthClient = z
  .object({
    id: z.string(),
    name: z.string(),
    clientId: z.string(),
    secretHint: z.string(),
    scopes: z.array(Scope),
    state: z.enum(["active", "disabled"]),
    actsAs: UserRef,
    createdAt: dateTime(),
    lastUsedAt: nullableDateTime(),
    previousSecretExpiresAt: nullableDateTime().meta({ description: "Until when the secret before the last rotation still works." }),
    rateLimitPerMinute: z.int().nullable(),
  })
  .meta({ id: "OAuthClient" });

export const NewOAuthClient = OAuthClient.extend({
  clientSecret: z.string().meta({ description: "Shown once, in this response." }),
}).meta({ id: "NewOAuthClient" });

const VersionRef = z
  .object({ id: z.string(), version: z.string(), status: z.enum(["processing", "ready", "failed"]) })
  .meta({ id: "VersionRef" });

export const ProductEntry = z
  .object({
    product: z.object({
      id: z.string().meta({ description: "The product's slug." }),
      name: z.string(),
      status: z.enum(["draft", "published", "archived"]),
    }),
    activeVersion: VersionRef.nullable(),
  })
  .meta({ id: "ProductEntry" });

export const ProductFile = z
  .object({
    id: z.string(),
    name: z.string(),
    size: z.int().meta({ description: "Bytes." }),
    contentType: z.string(),
    sha256: z.string(),
    createdAt: dateTime(),
  })
  .meta({ id: "ProductFile" });

export const ProductDetail = ProductEntry.extend({
  versions: z.array(VersionRef.extend({ createdAt: dateTime(), files: z.array(ProductFile) })),
}).meta({ id: "ProductDetail" });

export const Purchase = z
  .object({
    id: z.string(),
    email: z.string(),
    productId: z.string(),
    productName: z.string(),
    externalId: z.string().nullable(),
    source: z.string(),
    revokedAt: nullableDateTime(),
    createdAt: dateTime(),
  })
  .meta({ id: "Purchase" });

export const RecordedPurchase = Purchase.extend({
  emailSent: z.boolean(),
  emailReason: z.string().nullable().meta({ description: "Why the buyer was not emailed, when asked to be." }),
}).meta({ id: "RecordedPurchase" });

export const RequestSummary = z
  .object({
    id: z.string(),
    createdAt: dateTime(),
    requestId: z.string(),
    method: z.string(),
    path: z.string(),
    query: z.string().nullable(),
    status: z.int(),
    durationMs: z.number(),
    key: z.object({ id: z.string(), name: z.string().nullable() }).nullable(),
    ip: z.string().nullable(),
  })
  .meta({ id: "RequestSummary" });

export const RequestDetail = RequestSummary.extend({
  userId: z.string().nullable(),
  userAgent: z.string().nullable(),
  requestHeaders: z.unknown().meta({ description: "The request's headers, secrets masked." }),
  requestBody: z.string().nullable(),
  requestBodyTruncated: z.boolean(),
  responseBody: z.string().nullable(),
  responseBodyTruncated: z.boolean(),
}).meta({ id: "RequestDetail" });

export const OAuthError = z
  .object({
    error: z.enum([
      "invalid_request",
      "invalid_client",
      "invalid_grant",
      "unauthorized_client",
      "unsupported_grant_type",
      "invalid_scope",
      "temporarily_unavailable",
    ]),
    error_description: z.string(),
  })
  .meta({ id: "OAuthError", description: "RFC 6749 §5.2 error response." });

/** `limit` is parsed from text (lib/validation/numbers.ts), so its bounds are stated here for the document. */
export const limitDoc = {
  description: "Page size, 1 to 100.",
  override: { type: "integer", minimum: 1, maximum: 100, default: 50 },
} as const;
export const cursorDoc = { description: 'From the `Link: rel="next"` header of the previous page.' } as const;

/** `limit` and `cursor`, as every paged list reads them (lib/api/pagination.ts). */
export const pageQuery = pageSchema.extend({
  limit: pageSchema.shape.limit.meta(limitDoc),
  cursor: pageSchema.shape.cursor.meta(cursorDoc),
});
