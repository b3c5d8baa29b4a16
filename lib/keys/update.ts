import { z } from "zod";
import { db } from "@/lib/db/client";
import { AppError, forbidden, invalid } from "@/lib/errors";
import { requirePermission } from "@/lib/orgs/access";
import type { Actor } from "@/lib/auth/actor";
import { diff, recordAudit } from "@/lib/audit/record";
import { can, roleLabel, scopesForRole, usableScopes } from "@/lib/auth/permissions";
import { withUsableScopesOne } from "@/lib/auth/usable-scopes";
import { parseOrThrow } from "@/lib/validation/parse";
import { perMinuteSchema } from "@/lib/ratelimit/settings";
import { expandScopes } from "./scopes";
import { keyState } from "./state";
import { keyRowSelect, readableExpiry, type KeyRow } from "./serialize";
import { expirySchema, lockKey, nameSchema, scopeListSchema } from "./manage";

export const keyUpdateSchema = z
  .object({
    name: nameSchema.optional(),
    rateLimitPerMinute: perMinuteSchema.optional(),
    scopes: scopeListSchema.optional(),
    /** null: the key never expires. */
    expiresAt: expirySchema.nullable().optional(),
  })
  .strict();

export type KeyUpdate = z.input<typeof keyUpdateSchema>;

/**
 * Changes a key's name, rate limit, scopes or expiry. Owners and admins change any key; anyone
 * changes the scopes and expiry of their own personal key (names and limits stay the admins').
 * Scopes are bounded by what the key's user's role can hold, as at creation; the credential
 * cache drops the old answer through the ApiKey trigger, so the next request sees the change.
 */
export async function updateKey(actor: Actor, orgId: string, keyId: string, input: unknown): Promise<KeyRow> {
  const data = parseOrThrow(keyUpdateSchema, input);
  return db.$transaction(async (tx) => {
    const m = await requirePermission(orgId, actor.userId, "key.personal", "Your role cannot change API keys.", tx);
    // An unreadable legacy expiry (year 275760) is none, as everywhere else, so it can be diffed.
    const key = readableExpiry(await lockKey(tx, orgId, keyId));
    if (!can(m.role, "keys.manage")) {
      if (key.kind !== "personal" || key.userId !== actor.userId) throw forbidden("Only owners and admins can change API keys.");
      if (data.name !== undefined || data.rateLimitPerMinute !== undefined)
        throw forbidden("Only owners and admins can rename a key or set its rate limit.");
    }
    if (key.revokedAt) throw new AppError("CONFLICT", "This key is revoked; revocation is permanent.");
    const patch: { name?: string; rateLimitPerMinute?: number | null; scopes?: string[]; expiresAt?: Date | null } = {
      name: data.name,
      rateLimitPerMinute: data.rateLimitPerMinute,
    };
    if (data.scopes !== undefined || data.expiresAt !== undefined) {
      const state = keyState(key);
      // A replaced key's expiry is the end of its grace period; an expired key is renewed by a new one.
      if (state !== "active" && state !== "disabled")
        throw new AppError(
          "CONFLICT",
          `This key is ${state === "rolling" ? "replaced" : state}; its scopes and expiry can no longer change.`,
        );
    }
    if (data.scopes !== undefined) {
      const holder =
        key.userId === actor.userId
          ? m
          : await tx.membership.findUnique({ where: { orgId_userId: { orgId, userId: key.userId } }, select: { role: true } });
      const allowed = scopesForRole(holder?.role);
      const scopes = expandScopes(data.scopes);
      const beyond = scopes.filter((s) => !allowed.includes(s));
      if (beyond.length) {
        const who = holder ? `its user's role (${roleLabel[holder.role]})` : "its user, no longer a member,";
        throw invalid("scopes", `This key acts as ${key.user.email ?? "a former member"}; ${who} cannot hold: ${beyond.join(", ")}.`);
      }
      // What the key can use now, sent back unchanged, is no change: a demoted user's stored
      // `admin` stays, for a promotion to give back (lib/auth/permissions.ts usableScopes).
      const current = usableScopes(key.scopes, holder?.role);
      if (scopes.join() !== current.join()) patch.scopes = scopes;
    }
    if (data.expiresAt !== undefined) patch.expiresAt = data.expiresAt;
    const updated = await tx.apiKey.update({ where: { id: key.id }, data: patch, select: keyRowSelect });
    const changes = diff(key, updated, ["name", "rateLimitPerMinute", "scopes", "expiresAt"]);
    if (Object.keys(changes).length) {
      await recordAudit(tx, actor, {
        orgId,
        action: "key.updated",
        target: { type: "api_key", id: key.id, label: updated.name },
        metadata: { changes },
      });
    }
    return withUsableScopesOne(orgId, updated, tx);
  });
}
