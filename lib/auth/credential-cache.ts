import { currentDriver, driver } from "@/lib/db/client";
import type { Driver } from "@/lib/db/adapter";

/** The NOTIFY channel of the triggers in migration `credential_change_notify`. */
export const CREDENTIALS_CHANNEL = "continuata_credentials";
const MAX_ENTRIES = 10_000;
/**
 * This process's own statements that can change a lookup's answer (see the
 * triggers); the once-a-minute last-used stamp cannot.
 */
const CREDENTIAL_WRITES =
  /\b(?:UPDATE|DELETE\s+FROM|INSERT\s+INTO|TRUNCATE(?:\s+TABLE)?)\s+(?:ONLY\s+)?(?:"?\w+"?\.)?"(?:ApiKey|OAuthClient|Organization|User|Membership)"(?!\s+SET\s+"lastUsedAt")/i;

/**
 * Credential lookups (a key by hash, an OAuth client by id, each with its
 * organisation and the user's role) kept in memory between requests, only
 * while a change feed is live: database triggers NOTIFY on any change to keys,
 * clients, organisations, users and memberships, and each notice empties the
 * cache. On the embedded database the notice arrives before the writer hears
 * "committed", so a change acts on the very next request. On PostgreSQL this
 * process's own writes empty it as they return, and other processes' commits
 * arrive over LISTEN within milliseconds (BENCHMARKS.md measures it with two
 * instances); while that connection is down nothing is kept.
 */
export class CredentialCache {
  private entries = new Map<string, object>();
  private generation = 0;
  private live = false;

  /** Live while the change feed is subscribed; each switch also empties the cache. */
  setLive(live: boolean) {
    this.live = live;
    this.invalidate();
  }

  invalidate() {
    this.generation++;
    this.entries.clear();
  }

  async get<T extends object>(key: string, load: () => Promise<T | undefined>): Promise<T | undefined> {
    if (this.live) {
      const hit = this.entries.get(key);
      if (hit) return hit as T;
    }
    // A change that lands while the lookup is in flight may make its answer
    // stale: use it for this request, which ran alongside the change, but do not keep it.
    const generation = this.generation;
    const value = await load();
    if (value && this.live && generation === this.generation) {
      if (this.entries.size >= MAX_ENTRIES) this.entries.delete(this.entries.keys().next().value!);
      this.entries.set(key, freeze(value));
    }
    return value;
  }

  get size() {
    return this.entries.size;
  }

  get isLive() {
    return this.live;
  }
}

/** Cached rows are shared between requests: nobody may change one in place. */
function freeze<T extends object>(row: T): T {
  for (const value of Object.values(row)) if (Array.isArray(value)) Object.freeze(value);
  return Object.freeze(row);
}

const state = globalThis as unknown as { __continuataCredentialCache?: { driver: Driver; cache: CredentialCache } };

/** The cache for the open database; a new one (and a new subscription) when tests switch databases. */
export function credentialCache(): CredentialCache {
  const driver = currentDriver();
  if (state.__continuataCredentialCache?.driver === driver) return state.__continuataCredentialCache.cache;
  state.__continuataCredentialCache?.cache.setLive(false);
  const cache = new CredentialCache();
  state.__continuataCredentialCache = { driver, cache };
  driver
    .subscribe(CREDENTIALS_CHANNEL, () => cache.invalidate(), {
      localWrites: CREDENTIAL_WRITES,
      onState: (live) => state.__continuataCredentialCache?.cache === cache && cache.setLive(live),
    })
    .then((unsubscribe) => {
      if (unsubscribe && state.__continuataCredentialCache?.cache === cache) cache.setLive(true);
    })
    .catch((err: unknown) => console.error("[auth] credential change feed unavailable, not caching lookups:", (err as Error).message));
  return cache;
}

/** One row of a credential lookup function (see their migrations), through the cache. */
export function lookupCredential<R extends object>(fn: "verify_api_key" | "verify_oauth_client", arg: string): Promise<R | undefined> {
  return credentialCache().get(`${fn}:${arg}`, async () => (await driver.query<R>(`SELECT * FROM ${fn}($1)`, [arg], fn))[0]);
}
