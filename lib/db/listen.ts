import pg from "pg";

export interface SubscribeOptions {
  /** Called with false while the feed is down (changes may be missed), with true once it listens again. */
  onState?: (live: boolean) => void;
  /**
   * Statements of this process that match count as a change as soon as they
   * return: another process's commit reaches us through LISTEN a few
   * milliseconds later, but our own caller may ask again before that.
   */
  localWrites?: RegExp;
}

type Listener = { channel: string; onChange: () => void; options: SubscribeOptions };

const RETRY_MS = 500;

/**
 * The PostgreSQL change feed for one pool: a dedicated LISTEN connection that
 * reconnects on its own (reporting itself down meanwhile), and a tap on the
 * pool's connections for this process's own writes.
 */
export function postgresChangeFeed(connectionString: string, pool: pg.Pool) {
  const listeners = new Set<Listener>();
  pool.on("connect", (client) => tapWrites(client, listeners));
  let client: pg.Client | null = null;
  let closed = false;
  let connecting: Promise<void> | null = null;

  async function connect(): Promise<void> {
    const c = new pg.Client({ connectionString, connectionTimeoutMillis: 5000 });
    c.on("notification", (n) => {
      for (const l of listeners) if (l.channel === n.channel) l.onChange();
    });
    const lost = () => {
      if (client !== c) return;
      client = null;
      for (const l of listeners) l.options.onState?.(false);
      if (!closed) setTimeout(() => void reconnect(), RETRY_MS).unref();
    };
    c.on("error", lost);
    c.on("end", lost);
    await c.connect();
    for (const channel of new Set([...listeners].map((l) => l.channel))) await c.query(`LISTEN "${channel}"`);
    client = c;
  }

  async function reconnect() {
    if (closed || client) return;
    try {
      await connect();
      for (const l of listeners) l.options.onState?.(true);
    } catch (err) {
      console.error("[db] change feed reconnect failed:", (err as Error).message);
      setTimeout(() => void reconnect(), RETRY_MS).unref();
    }
  }

  return {
    async subscribe(channel: string, onChange: () => void, options: SubscribeOptions = {}) {
      if (!/^[a-z_]+$/.test(channel)) throw new Error(`bad channel name ${channel}`);
      const listener = { channel, onChange, options };
      listeners.add(listener);
      if (!client) await (connecting ??= connect().finally(() => (connecting = null)));
      else await client.query(`LISTEN "${channel}"`);
      return async () => {
        listeners.delete(listener);
      };
    },
    async close() {
      closed = true;
      const c = client;
      client = null;
      await c?.end().catch(() => {});
    },
  };
}

/** Wraps a pooled connection's query() so that matching statements of this process notify once they return. */
function tapWrites(client: pg.PoolClient, listeners: Set<Listener>) {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
    const first = args[0] as string | { text?: string } | undefined;
    const text = typeof first === "string" ? first : first?.text;
    let hit: Listener[] | undefined;
    if (text) for (const l of listeners) if (l.options.localWrites?.test(text)) (hit ??= []).push(l);
    if (!hit) return query(...args);
    const fire = () => hit.forEach((l) => l.onChange());
    // pg-pool's own query() passes a callback; Prisma's adapter uses the promise.
    const last = args.length - 1;
    if (typeof args[last] === "function") {
      const callback = args[last] as (...a: unknown[]) => void;
      args[last] = (...a: unknown[]) => {
        fire();
        callback(...a);
      };
      return query(...args);
    }
    const result = query(...args);
    if (result instanceof Promise) result.then(fire, fire);
    return result;
  };
}
