import { randomBytes, timingSafeEqual } from "node:crypto";
import { chmodSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";

/**
 * The running app's embedded database, for other processes: PGlite spoken
 * over the PostgreSQL wire protocol on 127.0.0.1 (the admin CLI, `npm run
 * demo`, psql). Only the app opens the data directory (the lock file stays);
 * everyone else is a client of it.
 *
 * - Loopback only, and a password: a random one per start, written with the
 *   port to ./data/pglite/continuata.socket.json (mode 0600, beside the lock),
 *   so only users who can read the data directory can connect.
 * - PGlite is one session. A client holds it for a whole unit of work (up to
 *   its Sync or simple Query, and on to the end of any transaction it opens),
 *   taking both of PGlite's own locks, so the app's queries never run inside a
 *   client's transaction or between its Parse and Execute, nor the reverse. A
 *   client that stops talking mid-transaction is rolled back and dropped after
 *   IDLE_IN_UNIT_MS, so it cannot stall the app.
 * - NOTIFY from a client's commit reaches the app's own listeners
 *   (`onNotification`), e.g. the credential cache (lib/auth/credential-cache.ts),
 *   and every other client that LISTENs on its channel (PGlite, one session,
 *   hands it only to the client whose statement committed it).
 *
 * (`@electric-sql/pglite-socket` has the framing but neither a password nor
 * whole-unit exclusivity against the app's in-process queries: this is the
 * same idea with both.)
 */

const IDLE_IN_UNIT_MS = 10_000;
const MAX_MESSAGE = 64 * 1024 * 1024;
const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

export interface SocketInfo {
  pid: number;
  host: string;
  port: number;
  user: string;
  password: string;
  url: string;
}

export const socketInfoFile = (pgliteDir: string) => path.join(pgliteDir, "continuata.socket.json");

/** The running app's connection details, if its lock holder wrote them. */
export function readSocketInfo(pgliteDir: string): SocketInfo | null {
  try {
    const info = JSON.parse(readFileSync(socketInfoFile(pgliteDir), "utf8")) as SocketInfo;
    return info.port > 0 && typeof info.password === "string" ? info : null;
  } catch {
    return null;
  }
}

type Listener = (channel: string, payload: string) => void;

const listeners = new Map<string, Set<() => void>>();

/** Calls `onChange` whenever a socket client's commit sends NOTIFY on `channel`; returns the unsubscribe. */
export function onSocketNotification(channel: string, onChange: () => void): () => void {
  const set = listeners.get(channel) ?? new Set();
  listeners.set(channel, set.add(onChange));
  return () => void set.delete(onChange);
}

const dispatch: Listener = (channel) => {
  for (const fn of listeners.get(channel) ?? []) fn();
};

export interface PGliteServer {
  port: number;
  info: SocketInfo;
  close(): Promise<void>;
}

/** One backend or frontend message: its type byte, its length, then its fields (strings NUL-terminated). */
function message(type: number, parts: (Buffer | string)[]): Buffer {
  const body = Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(`${p}\0`) : p)));
  const head = Buffer.alloc(5);
  head[0] = type;
  head.writeInt32BE(body.length + 4, 1);
  return Buffer.concat([head, body]);
}

function errorResponse(code: string, text: string): Buffer {
  return message(0x45, ["SFATAL", "VFATAL", `C${code}`, `M${text}`, Buffer.from([0])]);
}

const AUTH_CLEARTEXT = Buffer.from([0x52, 0, 0, 0, 8, 0, 0, 0, 3]);

/** A NotificationResponse ('A') message, as PostgreSQL sends it to a listening session. */
function notificationMessage(channel: string, payload: string): Buffer {
  const pid = Buffer.alloc(4);
  pid.writeInt32BE(process.pid);
  return message(0x41, [pid, channel, payload]);
}

const LISTEN_STATEMENT = /^\s*(UN)?LISTEN\s+(?:"([^"]+)"|([A-Za-z_][\w$]*)|(\*))\s*;?\s*$/i;

/**
 * A simple Query ('Q') that is a LISTEN or UNLISTEN changes what the client
 * hears (the extended protocol's are not followed). True for an UNLISTEN: the
 * server answers it, and the shared session itself goes on listening.
 */
function trackListen(msg: Buffer, listening: Set<string>): boolean {
  if (msg[0] !== 0x51) return false;
  const m = LISTEN_STATEMENT.exec(msg.subarray(5, msg.length - 1).toString("utf8"));
  if (!m) return false;
  const channel = m[2] ?? m[3]?.toLowerCase();
  if (!m[1] && channel) listening.add(channel);
  else if (m[1] && m[4]) listening.clear();
  else if (m[1] && channel) listening.delete(channel);
  return !!m[1];
}

/** A NUL-terminated string at `at`, and where the next field starts. */
function cString(buf: Buffer, at: number): [string, number] {
  const end = buf.indexOf(0, at);
  return [buf.toString("utf8", at, end), end + 1];
}

/**
 * Prepared statements and portals are per connection in PostgreSQL, but every
 * client here shares PGlite's one session: a client's named ones get short
 * names of its own (`c7s1`: PostgreSQL keeps 63 bytes of a name, so a prefix
 * alone could make two long names one) in Parse, Bind, Execute, Describe and
 * Close. The unnamed ones live within a unit, which no other client
 * interleaves. `statements()` lists the client's, to deallocate when it leaves.
 */
export function clientNames(prefix: string) {
  let n = 0;
  const maps = { s: new Map<string, string>(), p: new Map<string, string>() };
  const own = (kind: "s" | "p", name: string, create = false) => {
    if (!name) return name;
    let mine = maps[kind].get(name);
    if (!mine && create) maps[kind].set(name, (mine = `${prefix}${kind}${++n}`));
    return mine ?? `${prefix}${kind}0`; // never created: PostgreSQL answers that it does not exist
  };
  function rewrite(msg: Buffer): Buffer {
    switch (msg[0]) {
      case 0x50: {
        // Parse: statement, query, parameter types
        const [name, next] = cString(msg, 5);
        return name ? message(0x50, [own("s", name, true), msg.subarray(next)]) : msg;
      }
      case 0x42: {
        // Bind: portal, statement, the rest
        const [portal, next] = cString(msg, 5);
        const [statement, rest] = cString(msg, next);
        if (!portal && !statement) return msg;
        return message(0x42, [own("p", portal, true), own("s", statement), msg.subarray(rest)]);
      }
      case 0x45: {
        // Execute: portal, row limit
        const [portal, rest] = cString(msg, 5);
        return portal ? message(0x45, [own("p", portal), msg.subarray(rest)]) : msg;
      }
      case 0x44:
      case 0x43: {
        // Describe / Close: 'S' or 'P', name
        const [name] = cString(msg, 6);
        if (!name) return msg;
        const kind = msg[5] === 0x53 ? "s" : "p";
        const mine = own(kind, name);
        if (msg[0] === 0x43) maps[kind].delete(name);
        return message(msg[0], [msg.subarray(5, 6), mine]);
      }
      default:
        return msg;
    }
  }
  return { rewrite, statements: () => [...maps.s.values()] };
}

/**
 * Statements that would reset the shared session for every client (the app's
 * credential feed would stop hearing changes, its prepared statements vanish).
 * Refused; UNLISTEN on its own is answered for the one client (trackListen).
 */
const SESSION_WIDE = /(^|;)\s*(DISCARD|DEALLOCATE\s+(PREPARE\s+)?ALL|UNLISTEN)\b/i;
const REFUSED = `DO $refused$ BEGIN RAISE EXCEPTION USING ERRCODE = '0A000', MESSAGE = 'DISCARD, DEALLOCATE ALL and UNLISTEN in a multi-statement or extended query are not available: every client of the embedded database shares one session'; END $refused$`;

/** Replaces a session-wide statement in a simple Query or a Parse with one that fails saying why. */
function guardSession(msg: Buffer): Buffer {
  if (msg[0] === 0x51) {
    return SESSION_WIDE.test(msg.toString("utf8", 5, msg.length - 1)) ? message(0x51, [REFUSED]) : msg;
  }
  if (msg[0] === 0x50) {
    const [name, next] = cString(msg, 5);
    const [query, rest] = cString(msg, next);
    return SESSION_WIDE.test(query) ? message(0x50, [name, REFUSED, msg.subarray(rest)]) : msg;
  }
  return msg;
}

/** CommandComplete and ReadyForQuery for an UNLISTEN answered by the server itself. */
const unlistenReply = (inTransaction: boolean) =>
  Buffer.concat([message(0x43, ["UNLISTEN"]), message(0x5a, [Buffer.from(inTransaction ? "T" : "I")])]);

/** Scans a backend stream for NotificationResponse ('A') messages; keeps partial messages between chunks. */
function notificationScanner(emit: Listener) {
  let pending = Buffer.alloc(0);
  return (chunk: Uint8Array) => {
    pending = pending.length ? Buffer.concat([pending, chunk]) : Buffer.from(chunk);
    let at = 0;
    while (pending.length - at >= 5) {
      const len = pending.readInt32BE(at + 1);
      if (pending.length - at < 1 + len) break;
      if (pending[at] === 0x41) {
        const body = pending.subarray(at + 9, at + 1 + len);
        const zero = body.indexOf(0);
        const channel = body.subarray(0, zero).toString("utf8");
        const payload = body.subarray(zero + 1, body.indexOf(0, zero + 1)).toString("utf8");
        emit(channel, payload);
      }
      at += 1 + len;
    }
    pending = pending.subarray(at);
  };
}

export async function servePGlite(
  pglite: PGlite,
  opts: { pgliteDir: string; port?: number; onNotification?: Listener; publish?: boolean },
): Promise<PGliteServer> {
  const password = randomBytes(24).toString("base64url");
  /** Every open client, with the channels it LISTENs on. */
  const sockets = new Map<net.Socket, Set<string>>();
  const forward = (from: net.Socket, channel: string, payload: string) => {
    let msg: Buffer | undefined;
    for (const [socket, listening] of sockets) {
      if (socket === from || socket.destroyed || !listening.has(channel)) continue;
      // Only the client whose unit runs is mid-reply; every other one is between messages.
      socket.write((msg ??= notificationMessage(channel, payload)));
    }
  };

  let clients = 0;
  const server = net.createServer((socket) => {
    const listening = new Set<string>();
    const prefix = `c${++clients}`;
    const names = clientNames(prefix);
    /** Messages the server answers itself (an UNLISTEN). */
    const answered = new WeakSet<Buffer>();
    sockets.set(socket, listening);
    socket.setNoDelay(true);
    let buffer = Buffer.alloc(0);
    let phase: "startup" | "password" | "ready" = "startup";
    let startup: Buffer | null = null;
    const queue: Buffer[] = [];
    let wake: (() => void) | null = null;
    let running = false;
    let closed = false;
    const scan = notificationScanner((channel, payload) => {
      (opts.onNotification ?? dispatch)(channel, payload);
      forward(socket, channel, payload);
    });
    const send = (data: Uint8Array) => {
      scan(data);
      if (!socket.destroyed) socket.write(data);
    };
    const exec = (msg: Uint8Array) => pglite.execProtocolRawStream(msg, { onRawData: send });

    const next = (): Promise<Buffer | null> => {
      if (queue.length) return Promise.resolve(queue.shift()!);
      if (closed) return Promise.resolve(null);
      return new Promise((resolve) => {
        const timer = setTimeout(() => ((wake = null), resolve(null)), IDLE_IN_UNIT_MS);
        wake = () => {
          clearTimeout(timer);
          wake = null;
          resolve(queue.shift() ?? null);
        };
      });
    };

    /** Runs this client's messages one unit at a time, each unit holding PGlite for itself. */
    async function pump() {
      if (running) return;
      running = true;
      try {
        while (queue.length && !closed) {
          await pglite._runExclusiveTransaction(() =>
            pglite._runExclusiveQuery(async () => {
              for (;;) {
                const msg = await next();
                if (!msg) {
                  // Gone or silent in the middle of a unit: give PGlite back clean.
                  if (pglite.isInTransaction()) await pglite.execProtocolRaw(simpleQuery("ROLLBACK"));
                  socket.destroy();
                  return;
                }
                if (msg[0] === 0x58) {
                  if (pglite.isInTransaction()) await pglite.execProtocolRaw(simpleQuery("ROLLBACK"));
                  socket.end();
                  closed = true;
                  return;
                }
                if (answered.has(msg)) send(unlistenReply(pglite.isInTransaction()));
                else await exec(msg);
                // A unit ends at Sync, a simple Query or the startup packet (answered whole), unless a transaction is open.
                if ((msg === startup || msg[0] === 0x51 || msg[0] === 0x53) && !pglite.isInTransaction()) return;
              }
            }),
          );
        }
      } catch (err) {
        console.error("[db] embedded database client failed:", (err as Error).message);
        socket.destroy();
      } finally {
        running = false;
      }
    }

    socket.on("data", (chunk) => {
      buffer = Buffer.concat([buffer, chunk]);
      for (;;) {
        if (phase === "startup") {
          if (buffer.length < 8) return;
          const len = buffer.readInt32BE(0);
          if (buffer.length < len) return;
          const code = buffer.readInt32BE(4);
          const packet = buffer.subarray(0, len);
          buffer = buffer.subarray(len);
          if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
            socket.write("N");
            continue;
          }
          if (code === CANCEL_REQUEST) return void socket.destroy();
          startup = Buffer.from(packet);
          phase = "password";
          socket.write(AUTH_CLEARTEXT);
          continue;
        }
        if (buffer.length < 5) return;
        const len = buffer.readInt32BE(1);
        if (len < 4) return void socket.destroy();
        if (len > MAX_MESSAGE) return void socket.end(errorResponse("54000", `a message over ${MAX_MESSAGE} bytes is refused`));
        if (buffer.length < 1 + len) return;
        const msg = Buffer.from(buffer.subarray(0, 1 + len));
        buffer = buffer.subarray(1 + len);
        if (phase === "password") {
          const given = Buffer.from(msg.subarray(5, msg.indexOf(0, 5)));
          const expected = Buffer.from(password);
          if (msg[0] !== 0x70 || given.length !== expected.length || !timingSafeEqual(given, expected)) {
            socket.end(errorResponse("28P01", "password authentication failed"));
            return;
          }
          phase = "ready";
          // PGlite answers the startup packet itself (AuthenticationOk, parameters, ReadyForQuery).
          queue.push(startup!);
        } else {
          if (trackListen(msg, listening)) {
            answered.add(msg);
            queue.push(msg);
          } else queue.push(names.rewrite(guardSession(msg)));
        }
        if (wake) wake();
        else void pump();
      }
    });
    const gone = () => {
      if (closed && !sockets.has(socket)) return;
      closed = true;
      sockets.delete(socket);
      wake?.();
      // Its prepared statements go with it (PGlite queues this behind any unit still running).
      for (const name of names.statements()) void pglite.exec(`DEALLOCATE "${name}"`).catch(() => {});
    };
    socket.on("close", gone);
    socket.on("error", gone);
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 0, "127.0.0.1", () => resolve());
  });
  const port = (server.address() as net.AddressInfo).port;
  const info: SocketInfo = {
    pid: process.pid,
    host: "127.0.0.1",
    port,
    user: "postgres",
    password,
    url: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
  };
  const file = socketInfoFile(opts.pgliteDir);
  const publish = opts.publish ?? true;
  if (publish) {
    writeFileSync(file, JSON.stringify(info, null, 2) + "\n", { mode: 0o600 });
    chmodSync(file, 0o600);
  }
  const removeFile = () => publish && rmSync(file, { force: true });
  process.once("exit", removeFile);
  return {
    port,
    info,
    close: async () => {
      removeFile();
      for (const s of sockets.keys()) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

function simpleQuery(sql: string): Uint8Array {
  return message(0x51, [sql]);
}
