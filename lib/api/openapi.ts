import { z } from "zod";
import {
  createDocument,
  type ZodOpenApiOperationObject,
  type ZodOpenApiPathsObject,
  type ZodOpenApiResponseObject,
  type ZodOpenApiResponsesObject,
} from "zod-openapi";
import { scopeFor } from "@/lib/auth/permissions";
import type { Scope } from "@/lib/keys/scopes";
import { API_VERSION } from "./meta";
import { IDEMPOTENCY_HEADER, MAX_IDEMPOTENCY_KEY_LENGTH } from "./idempotency";
import { CONTRACTS } from "./contracts";
import { TAGS, type ContractMethod, type ErrorStatus, type OperationContract, type RouteContract } from "./contract/define";
import { Problem } from "./contract/schemas";
import { DELIVERY_NOTE, messageBody, messageHeaders, WEBHOOK_MESSAGES } from "@/lib/webhooks/messages-contract";

const ERROR_DESCRIPTIONS: Record<ErrorStatus, string> = {
  400: "Bad request: a malformed body or header.",
  401: "No valid credential: missing, unknown, expired, disabled or revoked.",
  403: "The credential lacks the scope, or its user's role does not allow this.",
  404: "Not found (or not in the credential's organisation; also a NUL character in the path).",
  408: "The upload stalled and was cut off.",
  409: "Conflict with the current state (or the same Idempotency-Key is still being answered).",
  410: "Gone: the link expired, was revoked or is used up.",
  413: "The body is too large.",
  422: "Invalid data: messages per field in `errors` (also a NUL character in the query, or an Idempotency-Key reused with another body).",
  429: "Rate limited: retry after `Retry-After` seconds.",
  503: "The database is not answering: retry after `Retry-After` seconds.",
};

const CODE_FOR: Record<ErrorStatus, string> = {
  400: "BAD_REQUEST",
  401: "UNAUTHORIZED",
  403: "INSUFFICIENT_SCOPE",
  404: "NOT_FOUND",
  408: "REQUEST_TIMEOUT",
  409: "CONFLICT",
  410: "NOT_FOUND",
  413: "PAYLOAD_TOO_LARGE",
  422: "VALIDATION_FAILED",
  429: "RATE_LIMITED",
  503: "UNAVAILABLE",
};

const requestId = z.uuid().meta({ description: "This request's id; quote it when reporting a problem.", header: { id: "XRequestId" } });
const rateLimit = {
  "RateLimit-Limit": z
    .string()
    .optional()
    .meta({ description: "Requests allowed per window.", example: "60", header: { id: "RateLimitLimit" } }),
  "RateLimit-Remaining": z
    .string()
    .optional()
    .meta({ description: "Requests left in this window.", example: "59", header: { id: "RateLimitRemaining" } }),
  "RateLimit-Reset": z
    .string()
    .optional()
    .meta({ description: "Seconds until the window resets.", example: "42", header: { id: "RateLimitReset" } }),
};
const retryAfter = z.string().meta({ description: "Seconds to wait before retrying.", example: "30", header: { id: "RetryAfter" } });
const link = z
  .string()
  .optional()
  .meta({ description: 'The next page, when there is one: `</api/…?cursor=…>; rel="next"`.', header: { id: "Link" } });
const replayed = z
  .literal("true")
  .optional()
  .meta({
    description: "Present when this is the stored answer to an earlier request with the same Idempotency-Key.",
    header: { id: "IdempotentReplayed" },
  });
const challenge = z.string().optional().meta({ description: "How to authenticate.", example: 'Bearer realm="continuata"' });
const idempotencyKey = z
  .string()
  .min(1)
  .max(MAX_IDEMPOTENCY_KEY_LENGTH)
  .optional()
  .meta({
    description:
      "Printable ASCII (a UUID). The first answer is kept 24 hours per credential and replayed, with `Idempotent-Replayed: true`, " +
      "to a retry with the same body; the same key with another body → 422, while the first is still running → 409. 5xx answers are not kept.",
    example: "5f0c7a52-3c1e-4b7f-9a8e-2d4b6c8e0f12",
    param: { id: "IdempotencyKey" },
  });

/** Headers every answer of an operation carries (downloads: none of the API's). */
function baseHeaders(op: OperationContract) {
  if (op.auth === "link") return {};
  return op.auth === "bearer" ? { "X-Request-Id": requestId, ...rateLimit } : { "X-Request-Id": requestId };
}

function errorStatuses(op: OperationContract): ErrorStatus[] {
  const set = new Set<ErrorStatus>(op.errors ?? []);
  if (op.auth === "bearer") for (const s of [401, 403, 429, 503] as const) set.add(s);
  // apiRoute refuses NUL anywhere in the path (404) or the query (422) before the handler runs (lib/api/route/refuse-nul.ts).
  if (op.auth === "bearer" || op.auth === "none") {
    set.add(422);
    if (op.path) set.add(404);
  }
  if (op.body && op.auth !== "client") {
    if (op.body.contentType === undefined) set.add(400);
    set.add(413).add(422);
  }
  if (op.idempotent) set.add(400).add(409).add(422);
  return [...set].sort();
}

function problemExample(status: ErrorStatus, path: string) {
  const code = CODE_FOR[status];
  const title = code.charAt(0) + code.slice(1).toLowerCase().replace(/_/g, " ");
  const detail = ERROR_DESCRIPTIONS[status];
  const example: Record<string, unknown> = {
    type: `urn:continuata:error:${code.toLowerCase().replace(/_/g, "-")}`,
    title,
    status,
    detail,
    code,
    instance: path.replace(/\{(\w+)\}/g, "x"),
    request_id: "5b0e3c0e-8f6a-4c1e-9d2b-2a7e4f0c1d3e",
    error: detail,
  };
  if (status === 422) Object.assign(example, { message: detail, errors: { name: ["name is required."] } });
  return example;
}

function responses(path: string, op: OperationContract): ZodOpenApiResponsesObject {
  const base = baseHeaders(op);
  const out: Record<string, ZodOpenApiResponseObject> = {};
  for (const [status, r] of Object.entries(op.responses)) {
    if (!r) continue;
    const headers = z.object({
      ...base,
      ...(op.paged && status === "200" ? { Link: link } : {}),
      ...(op.idempotent ? { "Idempotent-Replayed": replayed } : {}),
      ...r.headers?.shape,
    });
    const contentType = r.contentType ?? "application/json";
    out[status] = {
      description: r.description,
      headers,
      ...(r.schema ? { content: { [contentType]: { schema: r.schema, ...(r.example !== undefined ? { example: r.example } : {}) } } } : {}),
    };
  }
  for (const status of errorStatuses(op)) {
    const custom = op.errorBody;
    const headers = z.object({
      ...base,
      ...(status === 429 || status === 503 ? { "Retry-After": custom ? retryAfter.optional() : retryAfter } : {}),
      ...(status === 401 ? { "WWW-Authenticate": challenge } : {}),
    });
    out[String(status)] = {
      description: ERROR_DESCRIPTIONS[status],
      headers,
      content: custom
        ? { [custom.contentType]: { schema: custom.schema, ...(custom.example !== undefined ? { example: custom.example } : {}) } }
        : { "application/problem+json": { schema: Problem, example: problemExample(status, path) } },
    };
  }
  return out;
}

/** A JSON body is required when `{}` (what an empty body is read as) would be refused. */
function bodyRequired(body: NonNullable<OperationContract["body"]>): boolean {
  if (body.required !== undefined) return body.required;
  return !body.schema.safeParse({}).success;
}

/** The scope follows from the route's permission (lib/auth/permissions.ts): declared once, in the table. */
function scopeOf(path: string, method: ContractMethod, op: OperationContract): Scope {
  if (!op.permission) throw new Error(`${method} ${path}: a bearer operation's contract names the route's permission.`);
  return scopeFor(op.permission);
}

function security(path: string, method: ContractMethod, op: OperationContract): Record<string, string[]>[] {
  if (op.auth === "bearer") return [{ bearerAuth: [] }, { oauth2: [scopeOf(path, method, op)] }];
  if (op.auth === "client") return [{ clientBasic: [] }, {}];
  return [];
}

function operation(path: string, method: ContractMethod, contract: OperationContract): ZodOpenApiOperationObject {
  // apiRoute honours Idempotency-Key on every authenticated POST (lib/api/route.ts).
  const op = { ...contract, idempotent: contract.idempotent ?? (method === "POST" && contract.auth === "bearer") };
  const scopeNote = op.auth === "bearer" ? `Needs the \`${scopeOf(path, method, op)}\` scope.` : "";
  return {
    operationId: op.operationId,
    tags: [op.tag],
    summary: op.summary,
    description: [op.description, scopeNote].filter(Boolean).join("\n\n") || undefined,
    security: security(path, method, op),
    requestParams: {
      ...(op.path ? { path: op.path } : {}),
      ...(op.query ? { query: op.query } : {}),
      ...(op.idempotent || op.headers
        ? { header: z.object({ ...op.headers?.shape, ...(op.idempotent ? { [IDEMPOTENCY_HEADER]: idempotencyKey } : {}) }) }
        : {}),
    },
    ...(op.body
      ? {
          requestBody: {
            required: bodyRequired(op.body),
            description: op.body.description ?? (bodyRequired(op.body) ? undefined : "Optional: an empty body counts as `{}`."),
            content: {
              [op.body.contentType ?? "application/json"]: {
                schema: op.body.schema,
                ...(op.body.example !== undefined ? { example: op.body.example } : {}),
              },
            },
          },
        }
      : {}),
    responses: responses(path, op),
  };
}

/** OpenAPI 3.1 `webhooks`: what Continuata POSTs to a seller's endpoints (lib/webhooks/messages-contract.ts). */
function outboundMessages(): ZodOpenApiPathsObject {
  return Object.fromEntries(
    Object.entries(WEBHOOK_MESSAGES).map(([type, m]) => [
      type,
      {
        post: {
          operationId: `webhook${type.charAt(0).toUpperCase()}${type.slice(1).replace(/\.(\w)/g, (_, c: string) => c.toUpperCase())}`,
          tags: ["Webhooks"],
          summary: type,
          description: `${m.summary}\n\n${DELIVERY_NOTE}`,
          security: [],
          requestParams: { header: messageHeaders },
          requestBody: {
            required: true,
            content: {
              "application/json": {
                schema: messageBody(type, m),
                example: { type, timestamp: "2026-11-02T10:15:00.000Z", data: m.example },
              },
            },
          },
          responses: {
            "2XX": { description: "Acknowledged: not sent again." },
            default: { description: "Not acknowledged (so is a timeout or a refused connection): retried later." },
          },
        },
      },
    ]),
  );
}

export function buildOpenApiDocument(contracts: readonly RouteContract[] = CONTRACTS) {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of contracts) {
    const item: Record<string, ZodOpenApiOperationObject> = {};
    for (const [method, op] of Object.entries(route.methods) as [ContractMethod, OperationContract][]) {
      item[method.toLowerCase()] = operation(route.path, method, op);
    }
    paths[route.path] = item;
  }
  return createDocument(
    {
      openapi: "3.1.0",
      info: {
        title: "Continuata API",
        version: API_VERSION,
        description:
          "Sell and deliver digital products. Authenticate with `Authorization: Bearer ct_…` (an API key) or with an access token " +
          "from `POST /oauth/token` (OAuth 2.0 client credentials). Errors are RFC 9457 problem details with `code`, `error` " +
          "and `request_id`. Every answer carries `X-Request-Id`; authenticated answers carry `RateLimit-*`.",
        license: { name: "Proprietary", identifier: "LicenseRef-Proprietary" },
      },
      servers: [{ url: "/", description: "This deployment" }],
      tags: Object.entries(TAGS).map(([name, description]) => ({ name, description })),
      security: [{ bearerAuth: [] }, { oauth2: [] }],
      components: {
        securitySchemes: {
          bearerAuth: {
            type: "http",
            scheme: "bearer",
            bearerFormat: "ct_…",
            description: "An API key (`ct_…`) from Settings → API Keys, or an access token from `POST /oauth/token`.",
          },
          oauth2: {
            type: "oauth2",
            description: "Client credentials from Settings → OAuth apps; the token acts as the user who created the app.",
            flows: {
              clientCredentials: {
                tokenUrl: "/oauth/token",
                scopes: {
                  read: "Read products, purchases, requests and identity.",
                  write: "Create and change products, purchases and download URLs (implies read).",
                  admin: "Manage API keys, OAuth apps, webhooks, the Stripe connection and the organisation (implies write).",
                },
              },
            },
          },
          clientBasic: { type: "http", scheme: "basic", description: "OAuth client id and secret, for `POST /oauth/token` only." },
        },
      },
      paths,
      webhooks: outboundMessages(),
    },
    {
      override: ({ jsonSchema, zodSchema }) => {
        // Dates arrive as ISO 8601 strings (lib/validation/dates.ts parses them).
        if (zodSchema._zod.def.type === "date") Object.assign(jsonSchema, { type: "string", format: "date-time" });
      },
    },
  );
}

let cached: ReturnType<typeof buildOpenApiDocument> | undefined;

/** Built on first use, then kept: the contracts do not change while the process runs. */
export const openApiDocument = () => (cached ??= buildOpenApiDocument());
