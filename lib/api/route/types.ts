import type { Actor } from "@/lib/auth/actor";
import type { Permission } from "@/lib/auth/permissions";
import type { Role } from "@/lib/generated/prisma/enums";
import type { LogSubject } from "@/lib/request-log/record";
import type { ProblemContext } from "../errors";

export interface RouteContext<P> extends ProblemContext {
  req: Request;
  url: URL;
  params: P;
  ip: string | null;
  /**
   * For routes without a credential that authenticate the request themselves (a signed
   * webhook): records it in `subject`'s request history, with the body the handler read.
   */
  logAs: (subject: LogSubject, bodyText: string) => void;
}

export interface ApiAuth {
  credential: {
    type: "api_key" | "oauth_client";
    id: string;
    name: string;
    kind: "personal" | "integration" | "oauth_client";
    scopes: string[];
  };
  org: { id: string; slug: string; name: string };
  user: { id: string; email: string | null };
  role: Role;
  /** For audit entries written by this request. */
  actor: Actor;
}

export interface AuthedContext<P> extends RouteContext<P> {
  auth: ApiAuth;
}

/**
 * What a route needs, declared once: a permission of lib/auth/permissions.ts, from which the
 * scope a credential needs and the roles that may use it both follow; or no credential at all.
 * `auth: "optional"` (405s, unknown paths): a credential, when sent, is verified only to
 * record the request in its organisation's history; the answer does not depend on it.
 */
export type RouteOptions = { auth: false | "optional" } | { permission: Permission };

/** What a handler made by `apiRoute` requires, readable by tests (the role × scope matrix). */
export type RouteRequirement = { auth: false | "optional" } | { permission: Permission };
export type ApiHandler<P> = ((req: Request, segment?: Segment<P>) => Promise<Response>) & { requirement: RouteRequirement };

export type Segment<P> = { params?: Promise<P> };
