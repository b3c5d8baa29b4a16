import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { afterEach, expect, it } from "vitest";
import { Webhook } from "standardwebhooks";
import { startReceiver } from "./support/webhook-receiver";

const children: ChildProcess[] = [];
afterEach(() => {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
});

function worker(args: string[], env: NodeJS.ProcessEnv) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/support/webhook-worker-child.ts", ...args], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  children.push(child);
  const lines = createInterface({ input: child.stdout! });
  const next = () =>
    new Promise<string>((resolve, reject) => {
      lines.once("line", resolve);
      child.once("exit", (code) => reject(new Error(`worker exited with ${code}`)));
    });
  return { child, next };
}

/**
 * At-least-once, shown end to end: a worker process is killed (SIGKILL: no clean-up
 * of any kind) while the receiver is holding its request; a worker started afterwards
 * delivers the same event again with the same webhook-id once the dead worker's lease
 * has run out. The receiver dedups by webhook-id and so acts on it exactly once.
 */
it(
  "a worker killed mid-delivery loses nothing: the event arrives after restart with the same webhook-id",
  { timeout: 90_000 },
  async () => {
    let holding: (() => void) | null = null;
    const held = new Promise<void>((resolve) => (holding = resolve));
    const receiver = await startReceiver((_req, res, n) => {
      if (n === 1) return holding!(); // never answered: the worker dies waiting
      res.end("ok");
    });
    const dir = mkdtempSync(path.join(tmpdir(), "webhook-crash-"));
    const env = { CONTINUATA_DATA_DIR: dir, CHILD_LEASE_MS: "1500", NODE_ENV: "test" as const };
    try {
      const first = worker(["seed", receiver.url], env);
      const { endpointId, secret } = JSON.parse(await first.next()) as { endpointId: string; secret: string };
      await held;
      first.child.kill("SIGKILL");
      await new Promise((r) => first.child.once("exit", r));

      const second = worker(["work", endpointId], env);
      const { deliveries } = JSON.parse(await second.next()) as { deliveries: { eventId: string; attempts: number; status: string }[] };
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]).toMatchObject({ status: "succeeded", attempts: 2 });

      expect(receiver.received).toHaveLength(2);
      const ids = receiver.received.map((r) => r.headers["webhook-id"]);
      expect(ids).toEqual([deliveries[0].eventId, deliveries[0].eventId]);
      for (const r of receiver.received) {
        const msg = new Webhook(secret).verify(r.body, r.headers as Record<string, string>) as { type: string };
        expect(msg.type).toBe("purchase.created");
      }
      const seen = new Set(ids);
      expect(seen.size).toBe(1); // what a receiver deduplicating on webhook-id acts on: once
    } finally {
      await receiver.close();
      rmSync(dir, { recursive: true, force: true });
    }
  },
);
