import { describe, expect, it, vi } from "vitest";
import { GET as whoami } from "@/app/api/whoami/route";
import { POST as create } from "@/app/api/keys/route";
import { GET as list } from "@/app/api/keys/route";
import { db } from "@/lib/db/client";
import { changeKeyState, currentPersonalKey, refreshPersonalKey } from "@/lib/keys/manage";
import { updateKey } from "@/lib/keys/update";
import { actorFor, createOrgWith, personalKey } from "./fixtures";
import { call } from "./api/client";

const works = async (token: string) => (await call(whoami, "/api/whoami", { token })).status === 200;

describe("refreshPersonalKey", () => {
  it("creates the first key, then replaces it: the old key stops at once", async () => {
    const { org, owner } = await createOrgWith();
    const first = await refreshPersonalKey(actorFor(owner), org.id, { expectedKeyId: null });
    const second = await refreshPersonalKey(actorFor(owner), org.id, { expectedKeyId: first.key.id });
    expect(await works(first.token)).toBe(false);
    expect(await works(second.token)).toBe(true);
    expect((await currentPersonalKey(org.id, owner.id))?.id).toBe(second.key.id);
    const actions = (await db.auditEvent.findMany({ where: { orgId: org.id, targetType: "api_key" }, orderBy: { createdAt: "asc" } })).map(
      (a) => a.action,
    );
    expect(actions).toEqual(["key.created", "key.refreshed"]);
  });

  it("keeps the old key through a chosen grace period, never past its own expiry", async () => {
    const { org, owner } = await createOrgWith();
    const first = await personalKey(org.id, owner);
    await db.apiKey.update({ where: { id: first.key.id }, data: { expiresAt: new Date(Date.now() + 30 * 60_000) } });
    await refreshPersonalKey(actorFor(owner), org.id, { gracePeriod: "7d" });
    expect(await works(first.token)).toBe(true);
    const old = await db.apiKey.findUniqueOrThrow({ where: { id: first.key.id } });
    expect(old.expiresAt!.getTime()).toBeLessThanOrEqual(Date.now() + 30 * 60_000);
  });

  it("two refreshes racing from the same page leave exactly one new key valid", async () => {
    const { org, owner } = await createOrgWith();
    const first = await personalKey(org.id, owner);
    const results = await Promise.allSettled([
      refreshPersonalKey(actorFor(owner), org.id, { expectedKeyId: first.key.id }),
      refreshPersonalKey(actorFor(owner), org.id, { expectedKeyId: first.key.id }),
    ]);
    const won = results.filter(
      (r): r is PromiseFulfilledResult<Awaited<ReturnType<typeof refreshPersonalKey>>> => r.status === "fulfilled",
    );
    expect(won).toHaveLength(1);
    expect(results.find((r) => r.status === "rejected")).toMatchObject({ reason: { code: "CONFLICT" } });
    expect(await works(won[0].value.token)).toBe(true);
    expect(await works(first.token)).toBe(false);
  });

  it("two refreshes racing without a page (CLI, scripts) still leave exactly one key valid", async () => {
    const { org, owner } = await createOrgWith();
    await personalKey(org.id, owner);
    const [a, b] = await Promise.all([refreshPersonalKey(actorFor(owner), org.id), refreshPersonalKey(actorFor(owner), org.id)]);
    expect([await works(a.token), await works(b.token)].filter(Boolean)).toHaveLength(1);
    expect(
      await db.apiKey.count({ where: { orgId: org.id, userId: owner.id, kind: "personal", revokedAt: null, supersededAt: null } }),
    ).toBe(1);
  });

  it("is no way around an admin: a disabled key refreshes into a disabled key, with its rate limit and name", async () => {
    const { org, owner, others } = await createOrgWith(["member"]);
    const [member] = others;
    const first = await personalKey(org.id, member);
    await updateKey(actorFor(owner), org.id, first.key.id, { rateLimitPerMinute: 5, name: "Build server (throttled)" });
    await changeKeyState(actorFor(owner), org.id, first.key.id, "disable");
    const res = await call(whoami, "/api/whoami", { token: first.token });
    expect(res.status).toBe(403);

    const second = await refreshPersonalKey(actorFor(member), org.id);
    expect((await call(whoami, "/api/whoami", { token: second.token })).status).toBe(403);
    const stored = await db.apiKey.findUniqueOrThrow({ where: { id: second.key.id } });
    expect(stored).toMatchObject({ rateLimitPerMinute: 5, name: "Build server (throttled)" });
    expect(stored.disabledAt).not.toBeNull();

    // Enabled again by an admin, the refreshed key works, still under the admin's limit.
    await changeKeyState(actorFor(owner), org.id, second.key.id, "enable");
    const ok = await call(whoami, "/api/whoami", { token: second.token });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("ratelimit-limit") ?? ok.headers.get("x-ratelimit-limit")).toBe("5");
  });

  it("is not for outsiders", async () => {
    const { org } = await createOrgWith();
    const { owner: stranger } = await createOrgWith();
    await expect(refreshPersonalKey(actorFor(stranger), org.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("secrets", () => {
  it("a minted key appears in exactly one response, and in no log line or stored row", async () => {
    const { org, owner } = await createOrgWith();
    const { token: adminKey } = await personalKey(org.id, owner);
    const logged: string[] = [];
    const spies = (["log", "info", "warn", "error", "debug"] as const).map((m) =>
      vi.spyOn(console, m).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" "))),
    );
    try {
      const created = await call(create, "/api/keys", { method: "POST", token: adminKey, body: { name: "Leak check" } });
      const secret: string = created.body.key;
      await call(whoami, "/api/whoami", { token: secret });
      await call(whoami, "/api/whoami", { token: `${secret.slice(0, -1)}x` });
      const listed = await call(list, "/api/keys", { token: adminKey });
      expect(listed.text).not.toContain(secret);
      expect(logged.join("\n")).not.toContain(secret.slice(3, 20));

      const rows = await db.$queryRaw<{ row: string }[]>`SELECT row_to_json(k)::text AS row FROM "ApiKey" k WHERE "orgId" = ${org.id}`;
      const audit = await db.$queryRaw<{ row: string }[]>`SELECT row_to_json(a)::text AS row FROM "AuditEvent" a WHERE "orgId" = ${org.id}`;
      expect([...rows, ...audit].map((r) => r.row).join("\n")).not.toContain(secret.slice(3, 20));
    } finally {
      spies.forEach((s) => s.mockRestore());
    }
  });
});
