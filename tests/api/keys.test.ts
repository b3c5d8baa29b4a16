import { describe, expect, it } from "vitest";
import { GET as list, POST as create } from "@/app/api/keys/route";
import { GET as getOne, DELETE as revoke } from "@/app/api/keys/[id]/route";
import { POST as disable } from "@/app/api/keys/[id]/disable/route";
import { POST as enable } from "@/app/api/keys/[id]/enable/route";
import { POST as roll } from "@/app/api/keys/[id]/roll/route";
import { GET as whoami } from "@/app/api/whoami/route";
import { db } from "@/lib/db/client";
import { MAX_INTEGRATION_KEYS } from "@/lib/keys/manage";
import { changeMemberRole } from "@/lib/orgs/members";
import { actorFor, createOrgWith, integrationKey, personalKey } from "../fixtures";
import { call, expectProblem } from "./client";

async function adminSetup() {
  const setup = await createOrgWith(["admin", "member"]);
  const { token } = await personalKey(setup.org.id, setup.others[0]);
  return { ...setup, admin: setup.others[0], member: setup.others[1], token };
}

describe("/api/keys — 200/201", () => {
  it("creates a key shown once, which works at once and never appears again", async () => {
    const { token, org, admin } = await adminSetup();
    const created = await call(create, "/api/keys", { method: "POST", token, body: { name: "Storefront", scopes: ["write"] } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      name: "Storefront",
      kind: "integration",
      scopes: ["read", "write"],
      state: "active",
      user: { id: admin.id },
      createdBy: { id: admin.id },
    });
    const secret: string = created.body.key;
    expect(secret).toMatch(/^ct_[0-9A-Za-z]{38}$/);
    expect(created.body.hint).toBe(`ct_…${secret.slice(-4)}`);

    const who = await call(whoami, "/api/whoami", { token: secret });
    expect(who.body.data).toMatchObject({ api_key_name: "Storefront", scopes: ["read", "write"], organization_id: org.id });

    const listed = await call(list, "/api/keys", { token });
    const one = await call(getOne, `/api/keys/${created.body.id}`, { token, params: { id: created.body.id } });
    expect(listed.status).toBe(200);
    expect(one.status).toBe(200);
    expect(listed.body.map((k: { id: string }) => k.id)).toContain(created.body.id);
    expect(listed.text).not.toContain(secret);
    expect(one.text).not.toContain(secret);
    expect(one.body.key).toBeUndefined();
  });

  it("paginates with a cursor in the Link header", async () => {
    const { token, org, admin } = await adminSetup();
    for (let i = 0; i < 3; i++) await integrationKey(org.id, admin);
    const first = await call(list, "/api/keys?limit=2", { token });
    expect(first.body).toHaveLength(2);
    const next = first.headers.get("link")!.match(/<([^>]+)>; rel="next"/)![1];
    const second = await call(list, next, { token });
    const ids = [...first.body, ...second.body].map((k: { id: string }) => k.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.length).toBe(4); // 3 integration keys + the admin's personal key
  });

  it("disable → 403, enable → 200, revoke → 401 for good, with audit entries", async () => {
    const { token, org, admin } = await adminSetup();
    const { key, token: secret } = await integrationKey(org.id, admin);
    const p = { id: key.id };
    expect((await call(disable, `/api/keys/${key.id}/disable`, { method: "POST", token, params: p })).body.state).toBe("disabled");
    expectProblem(await call(whoami, "/api/whoami", { token: secret }), 403, "FORBIDDEN");
    expect((await call(enable, `/api/keys/${key.id}/enable`, { method: "POST", token, params: p })).body.state).toBe("active");
    expect((await call(whoami, "/api/whoami", { token: secret })).status).toBe(200);
    expect((await call(revoke, `/api/keys/${key.id}`, { method: "DELETE", token, params: p })).body.state).toBe("revoked");
    expectProblem(await call(whoami, "/api/whoami", { token: secret }), 401, "UNAUTHORIZED");
    expectProblem(await call(enable, `/api/keys/${key.id}/enable`, { method: "POST", token, params: p }), 409, "CONFLICT");
    const actions = (await db.auditEvent.findMany({ where: { orgId: org.id, targetId: key.id }, orderBy: { createdAt: "asc" } })).map(
      (a) => [a.action, a.via],
    );
    expect(actions).toEqual([
      ["key.created", "dashboard"],
      ["key.disabled", "api"],
      ["key.enabled", "api"],
      ["key.revoked", "api"],
    ]);
  });

  it("roll: new secret with the same settings; the old one works through its grace period only", async () => {
    const { token, org, admin } = await adminSetup();
    const { key, token: old } = await integrationKey(org.id, admin, { name: "Webhook", scopes: ["read"] });
    const rolled = await call(roll, `/api/keys/${key.id}/roll`, {
      method: "POST",
      token,
      params: { id: key.id },
      body: { gracePeriod: "24h" },
    });
    expect(rolled.status).toBe(201);
    expect(rolled.body).toMatchObject({ name: "Webhook", scopes: ["read"], state: "active" });
    expect(rolled.body.key).not.toBe(old);
    expect((await call(whoami, "/api/whoami", { token: rolled.body.key })).status).toBe(200);
    expect((await call(whoami, "/api/whoami", { token: old })).status).toBe(200);
    const oldRow = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(oldRow.expiresAt!.getTime() - Date.now()).toBeGreaterThan(23.9 * 3600_000);
    // Rolling a key that is already replaced is refused.
    expectProblem(await call(roll, `/api/keys/${key.id}/roll`, { method: "POST", token, params: { id: key.id } }), 409, "CONFLICT");
    // The default is immediate.
    const again = await call(roll, `/api/keys/${rolled.body.id}/roll`, { method: "POST", token, params: { id: rolled.body.id } });
    expectProblem(await call(whoami, "/api/whoami", { token: rolled.body.key }), 401, "UNAUTHORIZED");
    expect((await call(whoami, "/api/whoami", { token: again.body.key })).status).toBe(200);
  });
});

describe("/api/keys — 403", () => {
  it("a member's key is FORBIDDEN on admin routes", async () => {
    const { org, member } = await adminSetup();
    const { token } = await personalKey(org.id, member);
    expect(expectProblem(await call(list, "/api/keys", { token }), 403, "FORBIDDEN").detail).toMatch(/member/);
    expectProblem(await call(create, "/api/keys", { method: "POST", token, body: { name: "x" } }), 403, "FORBIDDEN");
  });

  it("a key without the admin scope gets INSUFFICIENT_SCOPE, even for an owner", async () => {
    const { org, owner } = await createOrgWith();
    const { token: writeKey } = await integrationKey(org.id, owner, { scopes: ["write"] });
    const { token: readKey } = await integrationKey(org.id, owner, { scopes: ["read"] });
    expectProblem(await call(list, "/api/keys", { token: writeKey }), 403, "INSUFFICIENT_SCOPE");
    expectProblem(await call(create, "/api/keys", { method: "POST", token: readKey, body: { name: "x" } }), 403, "INSUFFICIENT_SCOPE");
    expect((await call(whoami, "/api/whoami", { token: readKey })).status).toBe(200);
  });

  it("a demoted admin's key loses admin rights on the next request", async () => {
    const { org, owner, admin, token } = await adminSetup();
    expect((await call(list, "/api/keys", { token })).status).toBe(200);
    await changeMemberRole(actorFor(owner), org.id, admin.id, "member");
    expectProblem(await call(list, "/api/keys", { token }), 403, "FORBIDDEN");
  });
});

describe("/api/keys — 404", () => {
  it("another organisation's key id is NOT_FOUND, never FORBIDDEN", async () => {
    const { token } = await adminSetup();
    const other = await createOrgWith();
    const { key } = await integrationKey(other.org.id, other.owner);
    const p = { id: key.id };
    expectProblem(await call(getOne, `/api/keys/${key.id}`, { token, params: p }), 404, "NOT_FOUND");
    expectProblem(await call(revoke, `/api/keys/${key.id}`, { method: "DELETE", token, params: p }), 404, "NOT_FOUND");
    expectProblem(await call(disable, `/api/keys/${key.id}/disable`, { method: "POST", token, params: p }), 404, "NOT_FOUND");
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).revokedAt).toBeNull();
  });
});

describe("/api/keys — 400/413/422", () => {
  it("per-field errors for a bad body, and nothing written", async () => {
    const { token, org } = await adminSetup();
    const before = await db.apiKey.count({ where: { orgId: org.id } });
    const res = await call(create, "/api/keys", {
      method: "POST",
      token,
      body: { name: "", scopes: ["root"], expiresAt: "2001-01-01T00:00:00Z" },
    });
    const body = expectProblem(res, 422, "VALIDATION_FAILED");
    expect(body.message).toBe(body.detail);
    expect(Object.keys(body.errors).sort()).toEqual(["expiresAt", "name", "scopes.0"]);
    expect(body.errors.name[0]).toMatch(/name/);
    expectProblem(await call(create, "/api/keys", { method: "POST", token, body: { name: "x".repeat(101) } }), 422, "VALIDATION_FAILED");
    expectProblem(await call(create, "/api/keys", { method: "POST", token, body: { name: "ok", scopes: [] } }), 422, "VALIDATION_FAILED");
    expect(await db.apiKey.count({ where: { orgId: org.id } })).toBe(before);
  });

  it("malformed JSON and wrong content type are 400; a huge body is 413", async () => {
    const { token } = await adminSetup();
    expect(
      expectProblem(
        await call(create, "/api/keys", { method: "POST", token, rawBody: "{name:", headers: { "content-type": "application/json" } }),
        400,
        "BAD_REQUEST",
      ).detail,
    ).toMatch(/Malformed JSON/);
    expectProblem(
      await call(create, "/api/keys", {
        method: "POST",
        token,
        rawBody: "name=x",
        headers: { "content-type": "application/x-www-form-urlencoded" },
      }),
      400,
      "BAD_REQUEST",
    );
    expectProblem(
      await call(create, "/api/keys", { method: "POST", token, body: { name: "x".repeat(2_000_000) } }),
      413,
      "PAYLOAD_TOO_LARGE",
    );
    expectProblem(
      await call(roll, "/api/keys/x/roll", { method: "POST", token, params: { id: "x" }, body: { gracePeriod: "forever" } }),
      422,
      "VALIDATION_FAILED",
    );
  });

  it("caps live integration keys per organisation with a clear error", async () => {
    const { token, org, admin } = await adminSetup();
    await db.apiKey.createMany({
      data: Array.from({ length: MAX_INTEGRATION_KEYS }, (_, i) => ({
        orgId: org.id,
        userId: admin.id,
        createdById: admin.id,
        kind: "integration" as const,
        name: `k${i}`,
        hash: `${org.id}-${i}`,
        hint: "ct_…0000",
        scopes: ["read"],
      })),
    });
    const res = expectProblem(await call(create, "/api/keys", { method: "POST", token, body: { name: "one too many" } }), 409, "CONFLICT");
    expect(res.detail).toMatch(/Revoke unused keys/);
  });
});
