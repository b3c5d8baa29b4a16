export const SCOPES = ["read", "write", "admin"] as const;
export type Scope = (typeof SCOPES)[number];

const IMPLIES: Record<Scope, Scope[]> = { read: ["read"], write: ["read", "write"], admin: ["read", "write", "admin"] };

/** `admin` implies `write` implies `read`; stored expanded, in canonical order. */
export function expandScopes(scopes: readonly Scope[]): Scope[] {
  const set = new Set(scopes.flatMap((s) => IMPLIES[s]));
  return SCOPES.filter((s) => set.has(s));
}

export const hasScope = (granted: readonly string[], required: Scope) => granted.includes(required);

/** GET/HEAD need `read`; anything that changes state needs `write`. */
export const scopeForMethod = (method: string): Scope => (method === "GET" || method === "HEAD" || method === "OPTIONS" ? "read" : "write");
