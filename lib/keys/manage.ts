import { z } from "zod";
import { emitWebhookEvent } from "@/lib/webhooks/events";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, invalid, notFound } from "@/lib/errors";
import { requirePermission } from "@/lib/orgs/access";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { parseOrThrow } from "@/lib/validation/parse";
import { hashKey, keyHint, mintKeyToken } from "./format";
import { expandScopes, SCOPES } from "./scopes";
import { scopesForRole } from "@/lib/auth/permissions";
import { withUsableScopes, withUsableScopesOne } from "@/lib/auth/usable-scopes";
import { GRACE_PERIODS, graceEnd, keyState, type GracePeriod } from "./state";
import { keyRowSelect, readableExpiry, type KeyRow } from "./serialize";
import { dateInput } from "@/lib/validation/dates";
import { assertRowId } from "@/lib/validation/text";

type Tx = Prisma.TransactionClient;

export const MAX_INTEGRATION_KEYS = 100;
/** An expiry further out than this is a typo, not a plan; no expiry at all stays possible. */
export const MAX_KEY_LIFETIME_DAYS = 3650;
const DAY = 86_400_000;

export interface MintedKey {
  key: KeyRow;
  /** The full secret: returned once, here, and never again. */
  token: string;
}

/** The key, locked for the rest of the transaction; another organisation's key is NOT_FOUND. */
export async function lockKey(tx: Tx, orgId: string, keyId: string) {
  assertRowId(keyId, "API key");
  const rows = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM "ApiKey" WHERE id = ${keyId} AND "orgId" = ${orgId} FOR UPDATE`;
  if (!rows.length) throw notFound("API key");
  return tx.apiKey.findUniqueOrThrow({ where: { id: keyId }, select: { ...keyRowSelect, userId: true } });
}

const graceSchema = z
  .enum(Object.keys(GRACE_PERIODS) as [GracePeriod, ...GracePeriod[]], "Grace period must be one of 0, 1h, 24h, 7d.")
  .default("0");

export const nameSchema = z.string("Give the key a name.").trim().min(1, "Give the key a name.").max(100, "Use at most 100 characters.");

export const scopeListSchema = z
  .array(z.enum(SCOPES, "Scopes are read, write and admin."), "Scopes must be a list.")
  .min(1, "Choose at least one scope.");

/** When a key stops working, set at creation or later: in the future, and not absurdly far. */
export const expirySchema = dateInput()
  .refine((d) => d.getTime() > Date.now(), "The expiry must be in the future.")
  .refine(
    (d) => d.getTime() <= Date.now() + MAX_KEY_LIFETIME_DAYS * DAY,
    `The expiry can be at most ${MAX_KEY_LIFETIME_DAYS / 365} years ahead (or none).`,
  );

export const keyCreateSchema = z.object({
  name: nameSchema,
  scopes: scopeListSchema.default([...SCOPES]),
  expiresAt: expirySchema.nullable().optional(),
});

async function insertKey(
  tx: Tx,
  data: {
    orgId: string;
    userId: string;
    createdById: string;
    kind: "personal" | "integration";
    name: string;
    scopes: string[];
    expiresAt: Date | null;
    disabledAt?: Date | null;
    rateLimitPerMinute?: number | null;
  },
): Promise<MintedKey> {
  const token = mintKeyToken();
  const key = await tx.apiKey.create({
    data: { ...data, hash: hashKey(token), hint: keyHint(token) },
    select: keyRowSelect,
  });
  return { key, token };
}

/** A named key for an integration; it acts as the admin who creates it. */
export async function createIntegrationKey(actor: Actor, orgId: string, input: unknown): Promise<MintedKey> {
  const data = parseOrThrow(keyCreateSchema, input);
  return db.$transaction(async (tx) => {
    const m = await requirePermission(orgId, actor.userId, "keys.manage", "Only owners and admins can create API keys.", tx);
    const scopes = expandScopes(data.scopes);
    const beyond = scopes.filter((s) => !scopesForRole(m.role).includes(s));
    if (beyond.length) throw invalid("scopes", `Your role cannot grant: ${beyond.join(", ")}.`);
    await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${orgId} FOR UPDATE`;
    const live = await tx.apiKey.count({ where: { orgId, kind: "integration", revokedAt: null, supersededAt: null } });
    if (live >= MAX_INTEGRATION_KEYS) {
      throw new AppError(
        "CONFLICT",
        `This organisation has ${MAX_INTEGRATION_KEYS} API keys, the most it can have. Revoke unused keys first.`,
      );
    }
    const minted = await insertKey(tx, {
      orgId,
      userId: actor.userId,
      createdById: actor.userId,
      kind: "integration",
      name: data.name,
      scopes,
      expiresAt: data.expiresAt ?? null,
    });
    await recordAudit(tx, actor, {
      orgId,
      action: "key.created",
      target: { type: "api_key", id: minted.key.id, label: data.name },
      metadata: { kind: "integration", scopes: minted.key.scopes },
    });
    return minted;
  });
}

/** The user's current personal key in this organisation, if any. */
export async function currentPersonalKey(orgId: string, userId: string): Promise<KeyRow | null> {
  const key = await db.apiKey.findFirst({
    where: { orgId, userId, kind: "personal", revokedAt: null, supersededAt: null },
    orderBy: { createdAt: "desc" },
    select: keyRowSelect,
  });
  return key && withUsableScopesOne(orgId, key);
}

/** The user's replaced personal keys that still work (a refresh with a grace period), the first to stop first. */
export async function personalKeysInGrace(orgId: string, userId: string, now = new Date()): Promise<KeyRow[]> {
  const keys = await db.apiKey.findMany({
    where: { orgId, userId, kind: "personal", revokedAt: null, supersededAt: { not: null }, expiresAt: { gt: now } },
    orderBy: { expiresAt: "asc" },
    select: keyRowSelect,
  });
  return withUsableScopes(orgId, keys);
}

const refreshSchema = z.object({ gracePeriod: graceSchema, expectedKeyId: z.string().nullable().optional() });

/**
 * Mints the user's personal key, replacing the current one: immediately by
 * default, or after a grace period. Refreshes of one user serialise on their
 * membership row; `expectedKeyId` (the key the user was looking at) turns a
 * double submit into a CONFLICT instead of a second new key.
 */
export async function refreshPersonalKey(actor: Actor, orgId: string, input: unknown = {}): Promise<MintedKey> {
  const { gracePeriod: grace, expectedKeyId } = parseOrThrow(refreshSchema, input);
  return db.$transaction(async (tx) => {
    const m = await requirePermission(orgId, actor.userId, "key.personal", "Your role cannot hold an API key.", tx);
    await tx.$queryRaw`SELECT id FROM "Membership" WHERE id = ${m.id} FOR UPDATE`;
    const current = await tx.apiKey.findFirst({
      where: { orgId, userId: actor.userId, kind: "personal", revokedAt: null, supersededAt: null },
    });
    if (expectedKeyId !== undefined && (current?.id ?? null) !== expectedKeyId) {
      throw new AppError("CONFLICT", "Your key was changed in the meantime (another tab or device?). Reload to see the current key.");
    }
    const minted = await insertKey(tx, {
      orgId,
      userId: actor.userId,
      createdById: actor.userId,
      kind: "personal",
      // What an admin set on the key carries over: a refresh is a new secret, not a way
      // around being disabled or rate-limited (the key's user can change neither).
      name: current?.name ?? "Personal key",
      rateLimitPerMinute: current?.rateLimitPerMinute ?? null,
      disabledAt: current?.disabledAt ?? null,
      // What the role can use (a member: read, write); a promotion widens it at request time
      // only up to these, so a promoted member refreshes the key to gain `admin`.
      scopes: [...scopesForRole(m.role)],
      expiresAt: null,
    });
    if (current) await supersede(tx, current, minted.key.id, grace);
    await recordAudit(tx, actor, {
      orgId,
      action: current ? "key.refreshed" : "key.created",
      target: { type: "api_key", id: minted.key.id, label: minted.key.name },
      metadata: current ? { kind: "personal", replaced: current.id, grace } : { kind: "personal" },
    });
    return minted;
  });
}

async function supersede(tx: Tx, old: { id: string; expiresAt: Date | null }, newId: string, grace: GracePeriod) {
  const now = new Date();
  await tx.apiKey.update({
    where: { id: old.id },
    data:
      grace === "0"
        ? { supersededAt: now, supersededById: newId, revokedAt: now }
        : { supersededAt: now, supersededById: newId, expiresAt: graceEnd(old.expiresAt, grace, now) },
  });
}

/** A new secret for an integration key, with the same settings; the old one stops now or after a grace period. */
export const keyRollSchema = z.object({ gracePeriod: graceSchema });

export async function rollKey(actor: Actor, orgId: string, keyId: string, input: unknown = {}): Promise<MintedKey> {
  const { gracePeriod: grace } = parseOrThrow(keyRollSchema, input ?? {});
  return db.$transaction(async (tx) => {
    await requirePermission(orgId, actor.userId, "keys.manage", "Only owners and admins can roll API keys.", tx);
    const old = await lockKey(tx, orgId, keyId);
    if (old.kind !== "integration") throw new AppError("CONFLICT", "Personal keys are refreshed by their owner, not rolled.");
    const state = keyState(old);
    if (state !== "active" && state !== "disabled")
      throw new AppError("CONFLICT", `This key is ${state === "rolling" ? "already replaced" : state} and cannot be rolled.`);
    const minted = await insertKey(tx, {
      orgId,
      userId: old.userId,
      createdById: actor.userId,
      kind: "integration",
      name: old.name,
      scopes: old.scopes,
      expiresAt: old.expiresAt,
      // A disabled key rolls into a disabled key: rolling is not a way around disabling.
      disabledAt: old.disabledAt,
    });
    await supersede(tx, old, minted.key.id, grace);
    await recordAudit(tx, actor, {
      orgId,
      action: "key.rolled",
      target: { type: "api_key", id: minted.key.id, label: old.name },
      metadata: { replaced: old.id, grace },
    });
    return { ...minted, key: await withUsableScopesOne(orgId, minted.key, tx) };
  });
}

type StateChange = "disable" | "enable" | "revoke";

/** Disable (403, reversible), enable, or revoke (permanent, then 401 like an unknown key). */
export async function changeKeyState(actor: Actor, orgId: string, keyId: string, change: StateChange): Promise<KeyRow> {
  return db.$transaction(async (tx) => {
    await requirePermission(orgId, actor.userId, "keys.manage", "Only owners and admins can change API keys.", tx);
    const key = await lockKey(tx, orgId, keyId);
    if (key.revokedAt) {
      if (change === "revoke") return key;
      throw new AppError("CONFLICT", "This key is revoked; revocation is permanent.");
    }
    const now = new Date();
    const data =
      change === "disable" ? { disabledAt: key.disabledAt ?? now } : change === "enable" ? { disabledAt: null } : { revokedAt: now };
    const updated = await tx.apiKey.update({ where: { id: key.id }, data, select: keyRowSelect });
    const changed = change === "disable" ? !key.disabledAt : change === "enable" ? !!key.disabledAt : true;
    if (changed) {
      const action = { disable: "key.disabled", enable: "key.enabled", revoke: "key.revoked" }[change];
      await recordAudit(tx, actor, { orgId, action, target: { type: "api_key", id: key.id, label: key.name } });
      if (change === "revoke")
        await emitWebhookEvent(tx, orgId, "key.revoked", { id: key.id, name: key.name, kind: key.kind, revokedAt: now.toISOString() });
    }
    return withUsableScopesOne(orgId, updated, tx);
  });
}

export async function listKeys(orgId: string, opts: { kind?: "personal" | "integration"; includeRevoked?: boolean } = {}) {
  const rows = await db.apiKey.findMany({
    where: { orgId, ...(opts.kind ? { kind: opts.kind } : {}), ...(opts.includeRevoked ? {} : { revokedAt: null }) },
    orderBy: { createdAt: "desc" },
    take: 500,
    select: keyRowSelect,
  });
  return withUsableScopes(orgId, rows.map(readableExpiry));
}

export async function getKey(orgId: string, keyId: string): Promise<KeyRow> {
  assertRowId(keyId, "API key");
  const key = await db.apiKey.findFirst({ where: { id: keyId, orgId }, select: keyRowSelect });
  if (!key) throw notFound("API key");
  return withUsableScopesOne(orgId, key);
}
