import { z } from "zod";
import { db } from "@/lib/db/client";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError, notFound } from "@/lib/errors";
import { can } from "@/lib/auth/permissions";
import type { Actor } from "@/lib/auth/actor";
import { recordAudit } from "@/lib/audit/record";
import { slugify, withSuffix } from "./slug";
import { parseOrThrow } from "@/lib/validation/parse";
import { perMinuteSchema } from "@/lib/ratelimit/settings";

export const orgNameSchema = z.string().trim().min(2, "Use at least 2 characters.").max(80, "Use at most 80 characters.");

export async function createOrganization(actor: Actor, input: { name: unknown }) {
  const { name } = parseOrThrow(z.object({ name: orgNameSchema }), input);
  const base = slugify(name);
  for (let attempt = 0; attempt < 5; attempt++) {
    try {
      return await db.$transaction(async (tx) => {
        const org = await tx.organization.create({ data: { name, slug: withSuffix(base, attempt) } });
        await tx.membership.create({ data: { orgId: org.id, userId: actor.userId, role: "owner" } });
        await recordAudit(tx, actor, {
          orgId: org.id,
          action: "organization.created",
          target: { type: "organization", id: org.id, label: name },
        });
        return org;
      });
    } catch (err) {
      if (err instanceof Prisma.PrismaClientKnownRequestError && err.code === "P2002") continue;
      throw err;
    }
  }
  throw new AppError("CONFLICT", "Could not find a free address for this organisation; try another name.");
}

export async function listOrganizationsFor(userId: string) {
  const memberships = await db.membership.findMany({
    where: { userId },
    orderBy: { organization: { name: "asc" } },
    select: { role: true, organization: { select: { id: true, slug: true, name: true } } },
  });
  return memberships.map((m) => ({ ...m.organization, role: m.role }));
}

async function actorRole(orgId: string, userId: string) {
  const m = await db.membership.findUnique({ where: { orgId_userId: { orgId, userId } }, select: { role: true } });
  if (!m) throw notFound("Organisation");
  return m.role;
}

const orgSettingsSchema = z.object({
  name: orgNameSchema.optional(),
  active: z.boolean().optional(),
  rateLimitPerMinute: perMinuteSchema.optional(),
  requestRetentionDays: z
    .number("Use a whole number of days.")
    .int("Use a whole number of days.")
    .min(1, "Keep at least 1 day.")
    .max(365, "Keep at most 365 days.")
    .optional(),
});

export async function updateOrganization(
  actor: Actor,
  orgId: string,
  input: { name?: unknown; active?: unknown; rateLimitPerMinute?: unknown; requestRetentionDays?: unknown },
) {
  const data = parseOrThrow(orgSettingsSchema, input);
  const role = await actorRole(orgId, actor.userId);
  if (!can(role, "org.settings")) throw new AppError("FORBIDDEN", "Only owners and admins can change organisation settings.");
  // Switching the subscription state off locks every credential out: owners only.
  if (data.active !== undefined && !can(role, "org.owner"))
    throw new AppError("FORBIDDEN", "Only owners can change the subscription state.");
  return db.$transaction(async (tx) => {
    const before = await tx.organization.findUniqueOrThrow({ where: { id: orgId } });
    const org = await tx.organization.update({ where: { id: orgId }, data });
    if (data.name !== undefined && data.name !== before.name) {
      await recordAudit(tx, actor, {
        orgId,
        action: "organization.renamed",
        target: { type: "organization", id: orgId, label: org.name },
        metadata: { from: before.name, to: org.name },
      });
    }
    const limits = { rateLimitPerMinute: data.rateLimitPerMinute, requestRetentionDays: data.requestRetentionDays };
    if (Object.values(limits).some((v) => v !== undefined)) {
      await recordAudit(tx, actor, {
        orgId,
        action: "organization.settings_changed",
        target: { type: "organization", id: orgId, label: org.name },
        metadata: limits,
      });
    }
    if (data.active !== undefined && data.active !== before.active) {
      await recordAudit(tx, actor, {
        orgId,
        action: data.active ? "organization.activated" : "organization.deactivated",
        target: { type: "organization", id: orgId, label: org.name },
      });
    }
    return org;
  });
}
