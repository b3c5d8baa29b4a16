import { describe, expect, it, vi } from "vitest";
import { credentialCache } from "@/lib/auth/credential-cache";
import { GET as listProducts, POST as createProduct } from "@/app/api/products/route";
import { PATCH as patchKey } from "@/app/api/keys/[id]/route";
import { GET as whoami } from "@/app/api/whoami/route";
import { db } from "@/lib/db/client";
import { updateKey } from "@/lib/keys/update";
import { keyAccessFromForm } from "@/lib/keys/settings-form";
import { changeMemberRole } from "@/lib/orgs/members";
import { AppError } from "@/lib/errors";
import { actorFor, createOrgWith, integrationKey, personalKey, unique } from "./fixtures";
import { call, expectProblem } from "./api/client";

async function setup() {
  const { org, owner, others } = await createOrgWith(["admin", "member"]);
  const [admin, member] = others;
  const { token: adminToken } = await personalKey(org.id, admin);
  return { org, owner, admin, member, adminToken };
}

const patch = (token: string, id: string, body: unknown) =>
  call(patchKey, `/api/keys/${id}`, { method: "PATCH", token, params: { id }, body });
const newProduct = (token: string) => call(createProduct, "/api/products", { method: "POST", token, body: { id: unique("p"), name: "P" } });
const rejection = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as AppError,
  );

describe("changing a key's scopes", () => {
  it("takes effect on the very next request: a removed scope answers 403 INSUFFICIENT_SCOPE", async () => {
    const { org, admin, adminToken } = await setup();
    const { key, token } = await integrationKey(org.id, admin, { scopes: ["write"] });
    // The credential lookup is cached before the change (the cache goes live with its change feed).
    await vi.waitFor(() => expect(credentialCache().isLive).toBe(true));
    expect((await newProduct(token)).status).toBe(201);
    expect(credentialCache().size).toBeGreaterThan(0);

    const res = await patch(adminToken, key.id, { scopes: ["read"] });
    expect(res.status).toBe(200);
    expect(res.body.scopes).toEqual(["read"]);
    expect(expectProblem(await newProduct(token), 403, "INSUFFICIENT_SCOPE").detail).toMatch(/write/);
    expect((await call(listProducts, "/api/products", { token })).status).toBe(200);

    // Widening works just as fast, and admin implies write implies read.
    expect((await patch(adminToken, key.id, { scopes: ["admin"] })).body.scopes).toEqual(["read", "write", "admin"]);
    expect((await newProduct(token)).status).toBe(201);
  });

  it("a member narrows their own personal key but cannot give it more than their role, nor touch other keys", async () => {
    const { org, admin, member } = await setup();
    const { key, token } = await personalKey(org.id, member);
    expect((await newProduct(token)).status).toBe(201);

    const narrowed = await updateKey(actorFor(member), org.id, key.id, { scopes: ["read"] });
    expect(narrowed.scopes).toEqual(["read"]);
    expectProblem(await newProduct(token), 403, "INSUFFICIENT_SCOPE");

    const beyond = await rejection(updateKey(actorFor(member), org.id, key.id, { scopes: ["admin"] }));
    expect(beyond?.code).toBe("VALIDATION_FAILED");
    expect(beyond?.fields?.scopes[0]).toMatch(/Member.*cannot hold: admin/);
    // An admin cannot grant it either: the bound is the role of the key's user, not of whoever edits.
    expect((await rejection(updateKey(actorFor(admin), org.id, key.id, { scopes: ["admin"] })))?.code).toBe("VALIDATION_FAILED");
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).scopes).toEqual(["read"]);

    const adminKey = await integrationKey(org.id, admin);
    expect((await rejection(updateKey(actorFor(member), org.id, adminKey.key.id, { scopes: ["read"] })))?.code).toBe("FORBIDDEN");
    expect((await rejection(updateKey(actorFor(member), org.id, key.id, { rateLimitPerMinute: 5 })))?.code).toBe("FORBIDDEN");
  });

  it("sending back what a demoted user's key can use now is no change: a promotion gives admin back", async () => {
    const { org, owner, admin } = await setup();
    const { key } = await integrationKey(org.id, admin, { scopes: ["admin"] });
    await changeMemberRole(actorFor(owner), org.id, admin.id, "member");
    const same = await updateKey(actorFor(owner), org.id, key.id, { scopes: ["read", "write"] });
    expect(same.scopes).toEqual(["read", "write"]);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).scopes).toEqual(["read", "write", "admin"]);
    expect(await db.auditEvent.count({ where: { orgId: org.id, action: "key.updated" } })).toBe(0);
  });
});

describe("changing a key's expiry", () => {
  it("refuses a past date with a clear error and changes nothing", async () => {
    const { org, admin, adminToken } = await setup();
    const { key } = await integrationKey(org.id, admin);
    const res = expectProblem(await patch(adminToken, key.id, { expiresAt: "2020-01-01T00:00:00Z" }), 422, "VALIDATION_FAILED");
    expect(res.errors.expiresAt).toEqual(["The expiry must be in the future."]);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).expiresAt).toBeNull();
    expectProblem(await patch(adminToken, key.id, { expiresAt: "soon" }), 422, "VALIDATION_FAILED");
  });

  it("a key set to expire works until then and answers 401 once it is reached; null means never", async () => {
    const { org, admin, adminToken } = await setup();
    const { key, token } = await integrationKey(org.id, admin);
    expect((await call(whoami, "/api/whoami", { token })).status).toBe(200);
    const at = new Date(Date.now() + 1500);
    const res = await patch(adminToken, key.id, { expiresAt: at.toISOString() });
    expect(res.body.expiresAt).toBe(at.toISOString());
    expect((await call(whoami, "/api/whoami", { token })).status).toBe(200);
    await new Promise((r) => setTimeout(r, Math.max(0, at.getTime() - Date.now()) + 50));
    expect(expectProblem(await call(whoami, "/api/whoami", { token }), 401, "UNAUTHORIZED").detail).toMatch(/expired/);
    // Expired is final for settings too: a new key replaces it.
    expectProblem(await patch(adminToken, key.id, { expiresAt: null }), 409, "CONFLICT");

    const other = await integrationKey(org.id, admin, { expiresAt: new Date(Date.now() + 86_400_000) });
    expect((await patch(adminToken, other.key.id, { expiresAt: null })).body.expiresAt).toBeNull();
  });
});

describe("key.updated", () => {
  it("records scopes and expiry before and after, like the name, and never the secret", async () => {
    const { org, owner, admin } = await setup();
    const { key, token } = await integrationKey(org.id, admin, { name: "Shop", scopes: ["admin"] });
    const at = new Date(Date.now() + 30 * 86_400_000);
    await updateKey(actorFor(owner), org.id, key.id, { name: "Storefront", scopes: ["read"], expiresAt: at });
    await updateKey(actorFor(owner), org.id, key.id, { expiresAt: null, scopes: ["read"] });
    const entries = await db.auditEvent.findMany({ where: { orgId: org.id, action: "key.updated" }, orderBy: { createdAt: "asc" } });
    expect(entries.map((e) => e.metadata)).toEqual([
      {
        changes: {
          name: { from: "Shop", to: "Storefront" },
          scopes: { from: ["read", "write", "admin"], to: ["read"] },
          expiresAt: { from: null, to: at.toISOString() },
        },
      },
      { changes: { expiresAt: { from: at.toISOString(), to: null } } },
    ]);
    expect(entries.every((e) => e.actorUserId === owner.id && e.targetId === key.id)).toBe(true);
    expect(JSON.stringify(entries)).not.toContain(token);
  });
});

describe("the dashboard's key settings form", () => {
  const form = (fields: [string, string][]) => {
    const f = new FormData();
    for (const [k, v] of fields) f.append(k, v);
    return f;
  };

  it("reads a day as its end (UTC), empty as never, and the day it opened with as no change", () => {
    expect(
      keyAccessFromForm(
        form([
          ["scopes", "read"],
          ["expiresOn", "2030-05-01"],
          ["expiresOnBefore", ""],
        ]),
      ),
    ).toEqual({
      scopes: ["read"],
      expiresAt: "2030-05-01T23:59:59.999Z",
    });
    expect(
      keyAccessFromForm(
        form([
          ["expiresOn", ""],
          ["expiresOnBefore", "2030-05-01"],
        ]),
      ),
    ).toEqual({ scopes: [], expiresAt: null });
    expect(
      keyAccessFromForm(
        form([
          ["expiresOn", "2030-05-01"],
          ["expiresOnBefore", "2030-05-01"],
        ]),
      ).expiresAt,
    ).toBeUndefined();
  });

  it("a day already over is refused by updateKey with the same message as the API", async () => {
    const { org, member } = await setup();
    const { key } = await personalKey(org.id, member);
    const yesterday = new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
    const input = keyAccessFromForm(
      form([
        ["scopes", "read"],
        ["scopes", "write"],
        ["expiresOn", yesterday],
        ["expiresOnBefore", ""],
      ]),
    );
    const err = await rejection(updateKey(actorFor(member), org.id, key.id, input));
    expect(err?.fields?.expiresAt).toEqual(["The expiry must be in the future."]);
    const today = new Date().toISOString().slice(0, 10);
    const ok = await updateKey(actorFor(member), org.id, key.id, {
      ...input,
      expiresAt: keyAccessFromForm(form([["expiresOn", today]])).expiresAt,
    });
    expect(ok.expiresAt?.toISOString()).toBe(`${today}T23:59:59.999Z`);
  });
});
