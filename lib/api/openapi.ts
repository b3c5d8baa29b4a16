import { webhookPaths } from "@/lib/webhooks/openapi";
import { API_VERSION } from "./meta";

const problem = { $ref: "#/components/responses/Problem" };
const bearer = [{ bearerAuth: [] }];
const idParam = { name: "id", in: "path", required: true, schema: { type: "string" } };
const key = { $ref: "#/components/schemas/ApiKey" };
const errors = { "401": problem, "403": problem, "404": problem, "422": problem, "429": problem };

/** The API as it stands; extended as endpoints land. */
export const openApiDocument = {
  openapi: "3.1.0",
  info: {
    title: "Continuata API",
    version: API_VERSION,
    description:
      'Authenticate with "Authorization: Bearer ct_…". Errors are RFC 9457 problem details with `code`, `error` and `request_id`.',
  },
  servers: [{ url: "/" }],
  components: {
    securitySchemes: { bearerAuth: { type: "http", scheme: "bearer" } },
    parameters: {
      IdempotencyKey: {
        name: "Idempotency-Key",
        in: "header",
        required: false,
        description:
          "Up to 255 printable ASCII characters (a UUID). The first answer is kept 24 hours per credential and replayed, " +
          "with `Idempotent-Replayed: true`, to the same request; the same key with another body → 422, while the first " +
          "is still running → 409. 5xx answers are not kept.",
        schema: { type: "string", minLength: 1, maxLength: 255 },
      },
    },
    responses: {
      Problem: {
        description: "Problem details",
        content: {
          "application/problem+json": {
            schema: {
              type: "object",
              required: ["type", "title", "status", "detail", "code", "instance", "request_id", "error"],
              properties: {
                type: { type: "string" },
                title: { type: "string" },
                status: { type: "integer" },
                detail: { type: "string" },
                code: {
                  type: "string",
                  enum: [
                    "BAD_REQUEST",
                    "UNAUTHORIZED",
                    "FORBIDDEN",
                    "INSUFFICIENT_SCOPE",
                    "NOT_FOUND",
                    "METHOD_NOT_ALLOWED",
                    "CONFLICT",
                    "PAYLOAD_TOO_LARGE",
                    "VALIDATION_FAILED",
                    "RATE_LIMITED",
                    "INTERNAL",
                    "UNAVAILABLE",
                  ],
                },
                instance: { type: "string" },
                request_id: { type: "string" },
                error: { type: "string" },
                message: { type: "string" },
                errors: { type: "object", additionalProperties: { type: "array", items: { type: "string" } } },
              },
            },
          },
        },
      },
    },
    schemas: {
      ApiKey: {
        type: "object",
        properties: {
          id: { type: "string" },
          name: { type: "string" },
          kind: { type: "string", enum: ["personal", "integration"] },
          hint: { type: "string", examples: ["ct_…Xhl6"] },
          scopes: { type: "array", items: { type: "string", enum: ["read", "write", "admin"] } },
          state: { type: "string", enum: ["active", "disabled", "revoked", "expired", "rolling"] },
          createdAt: { type: "string", format: "date-time" },
          lastUsedAt: { type: ["string", "null"], format: "date-time" },
          lastUsedIp: { type: ["string", "null"] },
          expiresAt: { type: ["string", "null"], format: "date-time" },
          key: { type: "string", description: "The full secret: only in the response that mints it." },
        },
      },
    },
  },
  paths: {
    ...webhookPaths({ security: bearer, errors }),
    "/api/health": { get: { summary: "Liveness with database check", responses: { "200": { description: "OK" }, "503": problem } } },
    "/api/meta": { get: { summary: "Name, version, API version, rate-limit policy", responses: { "200": { description: "OK" } } } },
    "/api/whoami": {
      get: {
        summary: "The organisation, key and user a credential resolves to",
        security: bearer,
        responses: { "200": { description: "`{data:{type:'whoami',organization_id,api_key_name,…}}`" }, ...errors },
      },
    },
    "/api/v1/users/me": {
      get: {
        summary: "The calling user, their role and organisation",
        security: bearer,
        responses: { "200": { description: "OK" }, ...errors },
      },
    },
    "/api/keys": {
      get: {
        summary: "List keys (admin scope, owner/admin role); cursor in the Link header",
        security: bearer,
        parameters: [
          { name: "limit", in: "query", schema: { type: "integer", maximum: 100 } },
          { name: "cursor", in: "query", schema: { type: "string" } },
          { name: "kind", in: "query", schema: { type: "string", enum: ["personal", "integration"] } },
        ],
        responses: {
          "200": { description: "Array of keys", content: { "application/json": { schema: { type: "array", items: key } } } },
          ...errors,
        },
      },
      post: {
        summary: "Create an integration key; the secret is in `key`, once",
        security: bearer,
        requestBody: {
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["name"],
                properties: {
                  name: { type: "string" },
                  scopes: { type: "array", items: { type: "string" } },
                  expiresAt: { type: ["string", "null"], format: "date-time" },
                },
              },
            },
          },
        },
        responses: { "201": { description: "Created", content: { "application/json": { schema: key } } }, "409": problem, ...errors },
      },
    },
    "/api/keys/{id}": {
      get: {
        summary: "One key",
        security: bearer,
        parameters: [idParam],
        responses: { "200": { description: "OK", content: { "application/json": { schema: key } } }, ...errors },
      },
      delete: {
        summary: "Revoke (permanent)",
        security: bearer,
        parameters: [idParam],
        responses: { "200": { description: "Revoked key" }, ...errors },
      },
    },
    "/api/keys/{id}/disable": {
      post: {
        summary: "Disable (403 until enabled)",
        security: bearer,
        parameters: [idParam],
        responses: { "200": { description: "OK" }, ...errors },
      },
    },
    "/api/keys/{id}/enable": {
      post: { summary: "Enable", security: bearer, parameters: [idParam], responses: { "200": { description: "OK" }, ...errors } },
    },
    "/api/products": {
      get: {
        summary: 'Products: `[{"product":{id,name,status},"activeVersion":{id,version,status}|null}]`; cursor in the Link header',
        security: bearer,
        parameters: [
          { name: "limit", in: "query", schema: { type: "integer", maximum: 100 } },
          { name: "cursor", in: "query", schema: { type: "string" } },
        ],
        responses: { "200": { description: "OK" }, ...errors },
      },
      post: { summary: 'Create: `{"id","name"}`', security: bearer, responses: { "201": { description: "Created" }, ...errors } },
    },
    "/api/products/{id}": {
      get: {
        summary: "One product with versions and files",
        security: bearer,
        parameters: [idParam],
        responses: { "200": { description: "OK" }, ...errors },
      },
      patch: {
        summary: '`{"name"?, "status"?}`',
        security: bearer,
        parameters: [idParam],
        responses: { "200": { description: "OK" }, ...errors },
      },
      delete: { summary: "Archive", security: bearer, parameters: [idParam], responses: { "200": { description: "OK" }, ...errors } },
    },
    "/api/products/{id}/versions": {
      post: {
        summary: '`{"version":"1.0.0"}`',
        security: bearer,
        parameters: [idParam],
        responses: { "201": { description: "Created" }, ...errors },
      },
    },
    "/api/products/{id}/versions/{version}/files": {
      get: { summary: "The version's files (manifest)", security: bearer, responses: { "200": { description: "OK" }, ...errors } },
    },
    "/api/products/{id}/versions/{version}/files/{filename}": {
      put: {
        summary: "Upload: the raw body is the file, streamed; 409 once the version is released",
        security: bearer,
        responses: { "201": { description: "Stored: name, size, contentType, sha256" }, "408": problem, "409": problem, ...errors },
      },
      delete: {
        summary: "Delete a file of a draft version; 409 once the version is released",
        security: bearer,
        responses: { "204": { description: "Deleted" }, "409": problem, ...errors },
      },
    },
    "/api/products/{id}/versions/{version}/activate": {
      post: { summary: "Make a ready version the active one", security: bearer, responses: { "200": { description: "OK" }, ...errors } },
    },
    "/api/generate-download-url": {
      post: {
        summary: '`{"productId","version"}` (optional email, maxDownloads) → `{url, token, expiresAt, productId, version}`, 24 h',
        security: bearer,
        responses: { "201": { description: "Created" }, ...errors },
      },
    },
    "/api/purchases": {
      get: {
        summary: "Purchases; `?email=` filters; cursor in the Link header",
        security: bearer,
        parameters: [
          { name: "limit", in: "query", schema: { type: "integer", maximum: 100 } },
          { name: "cursor", in: "query", schema: { type: "string" } },
        ],
        responses: { "200": { description: "OK" }, ...errors },
      },
      post: {
        summary:
          '`{"email","productId","externalId"?,"sendEmail"?}`; idempotent on externalId (200 on repeat, no second email); ' +
          "`sendEmail: true` emails the buyer a 24-hour link and /my; the answer's `emailSent`/`emailReason` say whether it went",
        security: bearer,
        requestBody: {
          required: true,
          content: {
            "application/json": {
              schema: {
                type: "object",
                required: ["email", "productId"],
                properties: {
                  email: { type: "string", format: "email" },
                  productId: { type: "string" },
                  externalId: { type: "string", maxLength: 200 },
                  sendEmail: { type: "boolean", default: false, description: "Email the buyer (only when the purchase is new)" },
                },
              },
            },
          },
        },
        responses: {
          "201": { description: "Created; `emailSent` true when mailed, else false with `emailReason` (e.g. no ready version)" },
          "200": { description: "Existing purchase (externalId seen before); no email" },
          ...errors,
        },
      },
    },
    "/api/purchases/{id}": {
      delete: { summary: "Revoke", security: bearer, parameters: [idParam], responses: { "200": { description: "OK" }, ...errors } },
    },
    "/api/requests": {
      get: {
        summary:
          "Request history, newest first; filters status (2xx…5xx), method, path, key, requestId, from, to; cursor in the Link header",
        security: bearer,
        responses: { "200": { description: "Array of requests" }, ...errors },
      },
    },
    "/api/requests/{id}": {
      get: {
        summary: "One request with masked headers and bodies",
        security: bearer,
        parameters: [idParam],
        responses: { "200": { description: "OK" }, ...errors },
      },
    },
    "/api/oauth-clients": {
      get: { summary: "List OAuth apps (admin)", security: bearer, responses: { "200": { description: "OK" }, ...errors } },
      post: {
        summary: "Create an OAuth app; `clientSecret` in the response, once",
        security: bearer,
        responses: { "201": { description: "Created" }, ...errors },
      },
    },
    "/api/oauth-clients/{id}": {
      get: { summary: "One OAuth app", security: bearer, parameters: [idParam], responses: { "200": { description: "OK" }, ...errors } },
      delete: {
        summary: "Delete; live tokens stop at once",
        security: bearer,
        parameters: [idParam],
        responses: { "204": { description: "Deleted" }, ...errors },
      },
    },
    "/api/oauth-clients/{id}/disable": {
      post: { summary: "Disable", security: bearer, parameters: [idParam], responses: { "200": { description: "OK" }, ...errors } },
    },
    "/api/oauth-clients/{id}/enable": {
      post: { summary: "Enable", security: bearer, parameters: [idParam], responses: { "200": { description: "OK" }, ...errors } },
    },
    "/api/oauth-clients/{id}/rotate": {
      post: {
        summary: "New secret; `gracePeriod` keeps the old one working for 1h, 24h or 7d",
        security: bearer,
        parameters: [idParam],
        responses: { "201": { description: "OK" }, ...errors },
      },
    },
    "/oauth/token": {
      post: {
        summary: "RFC 6749 §4.4 client credentials; errors per §5.2",
        requestBody: {
          content: {
            "application/x-www-form-urlencoded": {
              schema: {
                type: "object",
                required: ["grant_type"],
                properties: {
                  grant_type: { const: "client_credentials" },
                  client_id: { type: "string" },
                  client_secret: { type: "string" },
                  scope: { type: "string" },
                },
              },
            },
          },
        },
        responses: {
          "200": { description: "`{access_token, token_type: bearer, expires_in: 3600, scope}`" },
          "400": { description: "invalid_request, unauthorized_client, unsupported_grant_type, invalid_scope" },
          "401": { description: "invalid_client" },
          "429": { description: "too many failed attempts" },
        },
      },
    },
    "/api/keys/{id}/roll": {
      post: {
        summary: "New secret, same settings; `gracePeriod`: 0, 1h, 24h or 7d",
        security: bearer,
        parameters: [idParam],
        responses: { "201": { description: "New key with `key`" }, "409": problem, ...errors },
      },
    },
  },
};

// Every authenticated POST takes an Idempotency-Key (lib/api/idempotency.ts).
for (const item of Object.values(openApiDocument.paths) as { post?: { security?: unknown; parameters?: unknown[] } }[]) {
  if (item.post?.security) item.post.parameters = [...(item.post.parameters ?? []), { $ref: "#/components/parameters/IdempotencyKey" }];
}
