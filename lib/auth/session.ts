import { cache } from "react";
import { getServerSession } from "next-auth";
import { notFound, redirect } from "next/navigation";
import { connection } from "next/server";
import { db } from "@/lib/db/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { safeRedirectPath } from "@/lib/http/safe-redirect";
import { authOptions } from "./options";

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
}

/** The signed-in user, or null. Cached for the duration of one request. */
export const currentUser = cache(async (): Promise<SessionUser | null> => {
  // Sessions are per request: never evaluate this while prerendering at build time.
  await connection();
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  if (!id) return null;
  const user = await db.user.findUnique({ where: { id }, select: { id: true, email: true, name: true } });
  return user?.email ? { id: user.id, email: user.email, name: user.name } : null;
});

export async function requireUser(callbackUrl = "/orgs"): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) redirect(`/signin?callbackUrl=${encodeURIComponent(safeRedirectPath(callbackUrl, "/orgs"))}`);
  return user;
}

export interface OrgContext {
  user: SessionUser;
  org: { id: string; slug: string; name: string; active: boolean };
  role: Role;
}

/**
 * The organisation in the URL, if the signed-in user belongs to it. Anyone
 * else gets a 404, never a hint that the organisation exists.
 */
export const requireOrg = cache(async (slug: string): Promise<OrgContext> => {
  // A bound argument of a server action can be anything; a NUL would fail the query.
  if (typeof slug !== "string" || slug.length > 100 || slug.includes("\0")) notFound();
  const user = await requireUser(`/orgs/${slug}`);
  const membership = await db.membership.findFirst({
    where: { userId: user.id, organization: { slug } },
    select: { role: true, organization: { select: { id: true, slug: true, name: true, active: true } } },
  });
  if (!membership) notFound();
  return { user, org: membership.organization, role: membership.role };
});
