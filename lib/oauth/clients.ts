import { randomBytes } from "node:crypto";
import { z } from "zod";
import { db } from "@/lib/db/client";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError, invalid, notFound } from "@/lib/errors";
import { requirePermission } from "@/lib/orgs/access";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { parseOrThrow } from "@/lib/validation/parse";
import { assertRowId, hasNul } from "@/lib/validation/text";
import { constantTimeEqual, sha256Hex } from "@/lib/crypto/tokens";
import { expandScopes, SCOPES } from "@/lib/keys/scopes";
import { scopesForRole } from "@/lib/auth/permissions";
import { withUsableScopes, withUsableScopesOne } from "@/lib/auth/usable-scopes";
import { GRACE_PERIODS, graceEnd, type GracePeriod } from "@/lib/keys/state";

type Tx = Prisma.TransactionClient;

export const MAX_OAUTH_CLIENTS = 50;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
function base62(length: number): string {
  let out = "";
  while (out.length < length) for (const b of randomBytes(length * 2)) if (b < 248 && out.length < length) out += BASE62[b % 62];
  return out;
}

const newClientId = () => `ctc_${base62(24)}`;
/** ~238 bits; "cts_" lets secret scanners tell a client secret from a key. */
const newSecret = () => `cts_${base62(40)}`;
const secretHint = (s: string) => `cts_…${s.slice(-4)}`;

export const clientSelect = {
  id: true,
  name: true,
  clientId: true,
  secretHint: true,
  scopes: true,
  createdAt: true,
  lastUsedAt: true,
  disabledAt: true,
  previousSecretExpiresAt: true,
  rateLimitPerMinute: true,
  user: { select: { id: true, email: true } },
} as const;

export type ClientRow = Prisma.OAuthClientGetPayload<{ select: typeof clientSelect }>;

export function serializeClient(c: ClientRow) {
  return {
    id: c.id,
    name: c.name,
    clientId: c.clientId,
    secretHint: c.secretHint,
    scopes: c.scopes,
    state: c.disabledAt ? "disabled" : "active",
    actsAs: c.user,
    createdAt: c.createdAt.toISOString(),
    lastUsedAt: c.lastUsedAt?.toISOString() ?? null,
    previousSecretExpiresAt:
      c.previousSecretExpiresAt && c.previousSecretExpiresAt > new Date() ? c.previousSecretExpiresAt.toISOString() : null,
    rateLimitPerMinute: c.rateLimitPerMinute,
  };
}

async function lockClient(tx: Tx, orgId: string, id: string) {
  assertRowId(id, "OAuth client");
  const rows = await tx.$queryRaw<
    { id: string }[]
  >`SELECT id FROM "OAuthClient" WHERE id = ${id} AND "orgId" = ${orgId} AND "deletedAt" IS NULL FOR UPDATE`;
  if (!rows.length) throw notFound("OAuth client");
  return tx.oAuthClient.findUniqueOrThrow({ where: { id }, select: { ...clientSelect, secretHash: true } });
}

export const oauthClientCreateSchema = z.object({
  name: z.string("Give the app a name.").trim().min(1, "Give the app a name.").max(100, "Use at most 100 characters."),
  scopes: z
    .array(z.enum(SCOPES, "Scopes are read, write and admin."), "Scopes must be a list.")
    .min(1, "Choose at least one scope.")
    .default([...SCOPES]),
});

export interface NewSecret {
  client: ClientRow;
  /** Shown once, here, never again. */
  clientSecret: string;
}

/** A client acting as the admin who creates it, with that user's role at request time. */
export async function createOAuthClient(actor: Actor, orgId: string, input: unknown): Promise<NewSecret> {
  const data = parseOrThrow(oauthClientCreateSchema, input);
  return db.$transaction(async (tx) => {
    const m = await requirePermission(orgId, actor.userId, "keys.manage", "Only owners and admins can manage OAuth apps.", tx);
    const scopes = expandScopes(data.scopes);
    const beyond = scopes.filter((s) => !scopesForRole(m.role).includes(s));
    if (beyond.length) throw invalid("scopes", `Your role cannot grant: ${beyond.join(", ")}.`);
    await tx.$queryRaw`SELECT id FROM "Organization" WHERE id = ${orgId} FOR UPDATE`;
    if ((await tx.oAuthClient.count({ where: { orgId, deletedAt: null } })) >= MAX_OAUTH_CLIENTS) {
      throw new AppError(
        "CONFLICT",
        `This organisation has ${MAX_OAUTH_CLIENTS} OAuth apps, the most it can have. Delete unused ones first.`,
      );
    }
    const clientSecret = newSecret();
    const client = await tx.oAuthClient.create({
      data: {
        orgId,
        name: data.name,
        clientId: newClientId(),
        secretHash: sha256Hex(clientSecret),
        secretHint: secretHint(clientSecret),
        scopes,
        userId: actor.userId,
        createdById: actor.userId,
      },
      select: clientSelect,
    });
    await recordAudit(tx, actor, {
      orgId,
      action: "oauth_client.created",
      target: { type: "oauth_client", id: client.id, label: client.name },
      metadata: { scopes: client.scopes },
    });
    return { client, clientSecret };
  });
}

export const clientRotateSchema = z.object({
  gracePeriod: z
    .enum(Object.keys(GRACE_PERIODS) as [GracePeriod, ...GracePeriod[]], "Grace period must be one of 0, 1h, 24h, 7d.")
    .default("0"),
});

/** A new secret; the old one authenticates until the grace period ends (default: not at all). */
export async function rotateClientSecret(actor: Actor, orgId: string, id: string, input: unknown = {}): Promise<NewSecret> {
  const { gracePeriod } = parseOrThrow(clientRotateSchema, input ?? {});
  return db.$transaction(async (tx) => {
    await requirePermission(orgId, actor.userId, "keys.manage", "Only owners and admins can manage OAuth apps.", tx);
    const old = await lockClient(tx, orgId, id);
    const clientSecret = newSecret();
    const client = await tx.oAuthClient.update({
      where: { id },
      data: {
        secretHash: sha256Hex(clientSecret),
        secretHint: secretHint(clientSecret),
        previousSecretHash: gracePeriod === "0" ? null : old.secretHash,
        previousSecretExpiresAt: gracePeriod === "0" ? null : graceEnd(null, gracePeriod),
      },
      select: clientSelect,
    });
    await recordAudit(tx, actor, {
      orgId,
      action: "oauth_client.secret_rotated",
      target: { type: "oauth_client", id, label: old.name },
      metadata: { gracePeriod },
    });
    return { client: await withUsableScopesOne(orgId, client, tx), clientSecret };
  });
}

export async function changeClientState(
  actor: Actor,
  orgId: string,
  id: string,
  change: "disable" | "enable" | "delete",
): Promise<ClientRow> {
  return db.$transaction(async (tx) => {
    await requirePermission(orgId, actor.userId, "keys.manage", "Only owners and admins can manage OAuth apps.", tx);
    const c = await lockClient(tx, orgId, id);
    const now = new Date();
    const data =
      change === "disable" ? { disabledAt: c.disabledAt ?? now } : change === "enable" ? { disabledAt: null } : { deletedAt: now };
    const updated = await tx.oAuthClient.update({ where: { id }, data, select: clientSelect });
    const changed = change === "delete" || (change === "disable") !== Boolean(c.disabledAt);
    if (changed)
      await recordAudit(tx, actor, {
        orgId,
        action: `oauth_client.${change === "delete" ? "deleted" : `${change}d`}`,
        target: { type: "oauth_client", id, label: c.name },
      });
    return withUsableScopesOne(orgId, updated, tx);
  });
}

export async function listOAuthClients(orgId: string) {
  const clients = await db.oAuthClient.findMany({
    where: { orgId, deletedAt: null },
    orderBy: { createdAt: "desc" },
    select: clientSelect,
  });
  return withUsableScopes(orgId, clients);
}

export async function getOAuthClient(orgId: string, id: string): Promise<ClientRow> {
  assertRowId(id, "OAuth client");
  const c = await db.oAuthClient.findFirst({ where: { id, orgId, deletedAt: null }, select: clientSelect });
  if (!c) throw notFound("OAuth client");
  return withUsableScopesOne(orgId, c);
}

export type ClientAuthResult =
  | { ok: true; client: { id: string; orgId: string; scopes: string[]; name: string } }
  | { ok: false; reason: "UNKNOWN" | "BAD_SECRET" | "DISABLED"; orgId?: string; id?: string };

/** client_id + client_secret → the client, comparing hashes in constant time (current or in-grace previous secret). */
export async function authenticateClient(clientId: string, secret: string): Promise<ClientAuthResult> {
  if (clientId.length > 200 || hasNul(clientId)) return { ok: false, reason: "UNKNOWN" };
  const c = await db.oAuthClient.findUnique({ where: { clientId } });
  if (!c || c.deletedAt) return { ok: false, reason: "UNKNOWN" };
  const hash = sha256Hex(secret);
  const current = constantTimeEqual(hash, c.secretHash);
  const previous =
    !!c.previousSecretHash &&
    !!c.previousSecretExpiresAt &&
    c.previousSecretExpiresAt > new Date() &&
    constantTimeEqual(hash, c.previousSecretHash);
  if (!current && !previous) return { ok: false, reason: "BAD_SECRET", orgId: c.orgId, id: c.id };
  if (c.disabledAt) return { ok: false, reason: "DISABLED", orgId: c.orgId, id: c.id };
  return { ok: true, client: { id: c.id, orgId: c.orgId, scopes: c.scopes, name: c.name } };
}
