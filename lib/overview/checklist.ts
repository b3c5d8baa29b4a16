import { db } from "@/lib/db/client";
import { can, type Permission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";

export interface ChecklistStep {
  id: "product" | "file" | "key" | "call" | "download" | "team";
  label: string;
  /** Relative to /orgs/[slug]. */
  href: string;
  done: boolean;
}

interface StepSpec {
  id: ChecklistStep["id"];
  label: string;
  href: string;
  /** Any one of these lets the viewer take the step. */
  anyOf: Permission[];
  done: () => Promise<unknown>;
}

/**
 * The getting-started steps the viewer's role can take, each ticked from what the organisation has
 * actually done (an existence check per step, never a count). A member's key and calls are their own.
 */
export async function gettingStarted(orgId: string, userId: string, role: Role): Promise<ChecklistStep[]> {
  const ownOnly = !can(role, "requests.all");
  const specs: StepSpec[] = [
    {
      id: "product",
      label: "Create a product",
      href: "/products",
      anyOf: ["catalog.write"],
      done: () => db.product.findFirst({ where: { orgId }, select: { id: true } }),
    },
    {
      id: "file",
      label: "Upload a file to a version",
      href: "/products",
      anyOf: ["catalog.write"],
      done: () => db.productFile.findFirst({ where: { version: { product: { orgId } } }, select: { id: true } }),
    },
    {
      id: "key",
      label: ownOnly ? "Create your API key" : "Create an API key",
      href: can(role, "keys.manage") ? "/settings/api-keys" : "/settings/api-key",
      anyOf: ["keys.manage", "key.personal"],
      done: () => db.apiKey.findFirst({ where: { orgId, ...(ownOnly ? { userId } : {}) }, select: { id: true } }),
    },
    {
      id: "call",
      label: "Make your first API call",
      href: "/requests",
      anyOf: ["key.personal", "keys.manage"],
      done: () => db.requestLog.findFirst({ where: { orgId, ...(ownOnly ? { userId } : {}) }, select: { id: true } }),
    },
    {
      id: "download",
      label: "Deliver a first download",
      href: "/downloads",
      anyOf: ["catalog.write"],
      done: () => db.download.findFirst({ where: { token: { orgId } }, select: { id: true } }),
    },
    {
      id: "team",
      label: "Invite a teammate",
      href: "/settings/members",
      anyOf: ["members.manage"],
      done: async () =>
        (await db.membership.count({ where: { orgId } })) > 1 || (await db.invite.findFirst({ where: { orgId }, select: { id: true } })),
    },
  ];
  const mine = specs.filter((s) => s.anyOf.some((p) => can(role, p)));
  const done = await Promise.all(mine.map((s) => s.done()));
  return mine.map((s, i) => ({ id: s.id, label: s.label, href: s.href, done: Boolean(done[i]) }));
}
