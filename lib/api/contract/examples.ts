/** Example values the generated document shows; they match what the server sends (tests/api/openapi.test.ts checks). */

const at = "2026-11-02T10:15:00.000Z";
const user = { id: "cm3user0000000000000000a", email: "owner@example.com" };

export const apiKeyExample = {
  id: "cm3key00000000000000000a",
  name: "Storefront",
  kind: "integration",
  hint: "ct_…Xhl6",
  scopes: ["read"],
  state: "active",
  user,
  createdBy: user,
  createdAt: at,
  lastUsedAt: null,
  lastUsedIp: null,
  expiresAt: null,
  disabledAt: null,
  revokedAt: null,
  rateLimitPerMinute: null,
};

export const newApiKeyExample = { ...apiKeyExample, key: "ct_live_3q2Yb0cJ8n4rL1mKzX9wVtPfG5hD7sAe2uBiQoXhl6" };

export const oauthClientExample = {
  id: "cm3client000000000000000a",
  name: "Warehouse",
  clientId: "cc_4f1d2e8a9b7c6d5e",
  secretHint: "cs_…9PqR",
  scopes: ["read"],
  state: "active",
  actsAs: user,
  createdAt: at,
  lastUsedAt: null,
  previousSecretExpiresAt: null,
  rateLimitPerMinute: null,
};

export const productEntryExample = {
  product: { id: "epic-drums-v1", name: "Epic Drum Kit", status: "published" },
  activeVersion: { id: "cm3version00000000000000a", version: "1.0.0", status: "ready" },
};

export const fileExample = {
  id: "cm3file000000000000000000",
  name: "drums.zip",
  size: 1048576,
  contentType: "application/zip",
  sha256: "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
  createdAt: at,
};

export const productDetailExample = {
  ...productEntryExample,
  versions: [{ id: "cm3version00000000000000a", version: "1.0.0", status: "ready", createdAt: at, files: [fileExample] }],
};

export const purchaseExample = {
  id: "cm3purchase0000000000000a",
  email: "buyer@example.com",
  productId: "epic-drums-v1",
  productName: "Epic Drum Kit",
  externalId: "order_1",
  source: "api",
  revokedAt: null,
  createdAt: at,
};

export const requestExample = {
  id: "cm3request00000000000000a",
  createdAt: at,
  requestId: "5b0e3c0e-8f6a-4c1e-9d2b-2a7e4f0c1d3e",
  method: "POST",
  path: "/api/purchases",
  query: null,
  status: 201,
  durationMs: 12.4,
  key: { id: "cm3key00000000000000000a", name: "Storefront" },
  ip: "203.0.113.7",
};

export const problemExample = {
  type: "urn:continuata:error:not-found",
  title: "Not Found",
  status: 404,
  detail: "Product not found.",
  code: "NOT_FOUND",
  instance: "/api/products/epic-drums-v9",
  request_id: "5b0e3c0e-8f6a-4c1e-9d2b-2a7e4f0c1d3e",
  error: "Product not found.",
};
