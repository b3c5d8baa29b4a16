import { describe, expect, it, vi } from "vitest";
import { GET as whoami } from "@/app/api/whoami/route";
import { GET as me } from "@/app/api/v1/users/me/route";
import { db, getDb } from "@/lib/db/client";
import { changeKeyState, refreshPersonalKey } from "@/lib/keys/manage";
import { mintKeyToken } from "@/lib/keys/format";
import { removeMember } from "@/lib/orgs/members";
import { updateOrganization } from "@/lib/orgs/organizations";
import { actorFor, createOrgWith, integrationKey, personalKey } from "../fixtures";
import { call, expectProblem } from "./client";

describe("GET /api/whoami — 200", () => {
  it("answers the documented data wrapper plus user, role and scopes", async () => {
    const { org, owner } = await createOrgWith();
    const { token, key } = await integrationKey(org.id, owner, { name: "Production key" });
    const res = await call(whoami, "/api/whoami", { token });
    expect(res.status).toBe(200);
    expect(res.headers.get("x-request-id")).toMatch(/^[0-9a-f-]{36}$/);
    expect(res.body).toEqual({
      data: {
        type: "whoami",
        organization_id: org.id,
        organization_slug: org.slug,
        api_key_name: "Production key",
        api_key_id: key.id,
        credential_type: "api_key",
        key_kind: "integration",
        user_id: owner.id,
        user_email: owner.email,
        role: "owner",
        scopes: ["read", "write", "admin"],
      },
    });
  });

  it("GET /api/v1/users/me answers the calling user, role and organisation", async () => {
    const {
      org,
      others: [member],
    } = await createOrgWith(["member"]);
    const { token } = await personalKey(org.id, member);
    const res = await call(me, "/api/v1/users/me", { token });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      id: member.id,
      email: member.email,
      role: "member",
      organization: { id: org.id, slug: org.slug, name: org.name },
    });
  });

  it("records last use (time and IP) off the request path, at most once a minute", async () => {
    const { org, owner } = await createOrgWith();
    const { token, key } = await integrationKey(org.id, owner);
    await call(whoami, "/api/whoami", { token, ip: "203.0.113.50" });
    await expect.poll(async () => (await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedIp).toBe("203.0.113.50");
    const first = (await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).lastUsedAt;
    await call(whoami, "/api/whoami", { token, ip: "203.0.113.51" });
    await new Promise((r) => setTimeout(r, 50));
    const after = await db.apiKey.findUniqueOrThrow({ where: { id: key.id } });
    expect(after.lastUsedAt).toEqual(first);
    expect(after.lastUsedIp).toBe("203.0.113.50");
  });
});

describe("GET /api/whoami — 401", () => {
  it("missing header", async () => {
    const body = expectProblem(await call(whoami, "/api/whoami"), 401, "UNAUTHORIZED");
    expect(body.detail).toMatch(/Missing API key/);
    expect(body.instance).toBe("/api/whoami");
  });

  it("wrong scheme, and a key sent without the scheme, with a helpful message", async () => {
    const token = mintKeyToken();
    expect(expectProblem(await call(whoami, "/api/whoami", { authorization: `Basic ${token}` }), 401, "UNAUTHORIZED").detail).toMatch(
      /Unsupported authorization scheme "Basic"/,
    );
    expect(expectProblem(await call(whoami, "/api/whoami", { authorization: token }), 401, "UNAUTHORIZED").detail).toMatch(
      /needs the Bearer scheme/,
    );
    expect(expectProblem(await call(whoami, "/api/whoami", { authorization: "Bearer " }), 401, "UNAUTHORIZED").detail).toMatch(
      /Missing API key/,
    );
  });

  it("malformed or checksum-failing keys, rejected without a database query", async () => {
    const { org, owner } = await createOrgWith();
    const { token } = await integrationKey(org.id, owner);
    const typo = token.slice(0, 10) + (token[10] === "a" ? "b" : "a") + token.slice(11);
    const queries: string[] = [];
    const spy = vi.spyOn(getDb(), "$queryRaw").mockImplementation(((...args: unknown[]) => {
      queries.push(String(args[0]));
      throw new Error("no query expected");
    }) as never);
    try {
      for (const bad of ["ct_short", typo, "sk_live_123", token.slice(0, -1)]) {
        expect(expectProblem(await call(whoami, "/api/whoami", { token: bad }), 401, "UNAUTHORIZED").detail).toMatch(/Malformed API key/);
      }
    } finally {
      spy.mockRestore();
    }
    expect(queries).toEqual([]);
  });

  it("unknown and revoked keys look the same", async () => {
    const { org, owner } = await createOrgWith();
    const { token, key } = await integrationKey(org.id, owner);
    await changeKeyState(actorFor(owner), org.id, key.id, "revoke");
    const revoked = expectProblem(await call(whoami, "/api/whoami", { token }), 401, "UNAUTHORIZED");
    const unknown = expectProblem(await call(whoami, "/api/whoami", { token: mintKeyToken() }), 401, "UNAUTHORIZED");
    expect(revoked.detail).toBe("Missing or invalid API key.");
    expect(unknown.detail).toBe(revoked.detail);
  });

  it("expired key", async () => {
    const { org, owner } = await createOrgWith();
    const { token, key } = await integrationKey(org.id, owner, { expiresAt: new Date(Date.now() + 60_000).toISOString() });
    expect((await call(whoami, "/api/whoami", { token })).status).toBe(200);
    await db.apiKey.update({ where: { id: key.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expect(expectProblem(await call(whoami, "/api/whoami", { token }), 401, "UNAUTHORIZED").detail).toMatch(/expired/);
  });

  it("a personal key replaced by refresh: at once, or after its grace period", async () => {
    const { org, owner } = await createOrgWith();
    const first = await personalKey(org.id, owner);
    const second = await refreshPersonalKey(actorFor(owner), org.id, { gracePeriod: "1h" });
    expect((await call(whoami, "/api/whoami", { token: first.token })).status).toBe(200);
    // The grace period ends: move the clock by moving the stored end.
    await db.apiKey.update({ where: { id: first.key.id }, data: { expiresAt: new Date(Date.now() - 1) } });
    expectProblem(await call(whoami, "/api/whoami", { token: first.token }), 401, "UNAUTHORIZED");

    await refreshPersonalKey(actorFor(owner), org.id);
    expectProblem(await call(whoami, "/api/whoami", { token: second.token }), 401, "UNAUTHORIZED");
  });

  it("the key of a user removed from the organisation stops at once", async () => {
    const {
      org,
      owner,
      others: [member],
    } = await createOrgWith(["member"]);
    const { token } = await personalKey(org.id, member);
    expect((await call(whoami, "/api/whoami", { token })).status).toBe(200);
    await removeMember(actorFor(owner), org.id, member.id);
    expect(expectProblem(await call(whoami, "/api/whoami", { token }), 401, "UNAUTHORIZED").detail).toMatch(/no longer a member/);
  });
});

describe("GET /api/whoami — 403", () => {
  it("disabled key, until it is enabled again", async () => {
    const { org, owner } = await createOrgWith();
    const { token, key } = await integrationKey(org.id, owner);
    await changeKeyState(actorFor(owner), org.id, key.id, "disable");
    expect(expectProblem(await call(whoami, "/api/whoami", { token }), 403, "FORBIDDEN").detail).toMatch(/disabled/);
    await changeKeyState(actorFor(owner), org.id, key.id, "enable");
    expect((await call(whoami, "/api/whoami", { token })).status).toBe(200);
  });

  it("inactive organisation", async () => {
    const { org, owner } = await createOrgWith();
    const { token } = await personalKey(org.id, owner);
    await updateOrganization(actorFor(owner), org.id, { active: false });
    expect(expectProblem(await call(whoami, "/api/whoami", { token }), 403, "FORBIDDEN").detail).toMatch(/inactive/);
    await updateOrganization(actorFor(owner), org.id, { active: true });
    expect((await call(whoami, "/api/whoami", { token })).status).toBe(200);
  });
});
