/**
 * Keys never advertise rights their user lacks: what a credential holds and what is shown of it
 * (whoami, the key and client listings, the token endpoint) are its scopes cut to its user's role now.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { POST as token } from "@/app/oauth/token/route";
import { GET as whoami } from "@/app/api/whoami/route";
import { GET as listKeysRoute } from "@/app/api/keys/route";
import { GET as listClientsRoute } from "@/app/api/oauth-clients/route";
import { GET as products } from "@/app/api/products/route";
import { createOAuthClient } from "@/lib/oauth/clients";
import { changeMemberRole } from "@/lib/orgs/members";
import { currentPersonalKey } from "@/lib/keys/manage";
import { useRateLimiter } from "@/lib/ratelimit/limiter";
import { MemoryRateLimiter } from "@/lib/ratelimit/memory";
import { db } from "@/lib/db/client";
import { actorFor, createOrgWith, integrationKey, personalKey } from "../fixtures";
import { call, expectProblem } from "./client";

beforeEach(() => useRateLimiter(new MemoryRateLimiter()));

const scopesOf = async (t: string) => (await call(whoami, "/api/whoami", { token: t })).body.data.scopes;

describe("a credential's scopes follow its user's role", () => {
  it("a member's personal key is minted, stored and shown with read and write only", async () => {
    const { org, others } = await createOrgWith(["member"]);
    const { key, token: t } = await personalKey(org.id, others[0]);
    expect(key.scopes).toEqual(["read", "write"]);
    expect((await db.apiKey.findUniqueOrThrow({ where: { id: key.id } })).scopes).toEqual(["read", "write"]);
    expect(await scopesOf(t)).toEqual(["read", "write"]);
    expect((await currentPersonalKey(org.id, others[0].id))?.scopes).toEqual(["read", "write"]);
  });

  it("an admin demoted to member: their keys and OAuth clients lose admin at once, everywhere, and regain it on promotion", async () => {
    const { org, owner, others } = await createOrgWith(["admin"]);
    const admin = others[0];
    const personal = await personalKey(org.id, admin);
    const integration = await integrationKey(org.id, admin, { scopes: ["admin"] });
    const { client, clientSecret } = await createOAuthClient(actorFor(admin), org.id, { name: "Warehouse", scopes: ["admin"] });
    const ownerKey = await personalKey(org.id, owner);
    expect(personal.key.scopes).toEqual(["read", "write", "admin"]);
    expect(await scopesOf(integration.token)).toEqual(["read", "write", "admin"]);

    await changeMemberRole(actorFor(owner), org.id, admin.id, "member");

    for (const t of [personal.token, integration.token]) {
      expect(await scopesOf(t)).toEqual(["read", "write"]);
      // Still usable for what a member may do.
      expect((await call(products, "/api/products", { token: t })).status).toBe(200);
      expectProblem(await call(listKeysRoute, "/api/keys", { token: t }), 403, "FORBIDDEN");
    }
    // An owner listing the keys sees what they hold now, not what they were minted with.
    const listed = (await call(listKeysRoute, "/api/keys", { token: ownerKey.token })).body as { id: string; scopes: string[] }[];
    expect(listed.find((k) => k.id === integration.key.id)?.scopes).toEqual(["read", "write"]);
    expect(listed.find((k) => k.id === personal.key.id)?.scopes).toEqual(["read", "write"]);
    const clients = (await call(listClientsRoute, "/api/oauth-clients", { token: ownerKey.token })).body as {
      id: string;
      scopes: string[];
    }[];
    expect(clients.find((c) => c.id === client.id)?.scopes).toEqual(["read", "write"]);

    // The token endpoint grants no more than the role can use, and refuses to be asked for more.
    const form = (extra: Record<string, string> = {}) =>
      token(
        new Request("http://localhost/oauth/token", {
          method: "POST",
          headers: { "content-type": "application/x-www-form-urlencoded", "x-forwarded-for": "203.0.113.77" },
          body: new URLSearchParams({
            grant_type: "client_credentials",
            client_id: client.clientId,
            client_secret: clientSecret,
            ...extra,
          }),
        }),
      );
    const granted = await (await form()).json();
    expect(granted.scope).toBe("read write");
    expect(await scopesOf(granted.access_token)).toEqual(["read", "write"]);
    const refused = await form({ scope: "admin" });
    expect([refused.status, (await refused.json()).error]).toEqual([400, "invalid_scope"]);

    // The stored scopes stay: a promotion gives admin back.
    await changeMemberRole(actorFor(owner), org.id, admin.id, "admin");
    expect(await scopesOf(integration.token)).toEqual(["read", "write", "admin"]);
  });
});
