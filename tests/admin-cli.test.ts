import { execFile } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { unique } from "./fixtures";

const run = promisify(execFile);

/**
 * Runs the real command (`npm run admin` = tsx scripts/admin.ts) as a user
 * would: against PostgreSQL when the run has one, else its own embedded
 * database in a scratch data directory.
 */
async function admin(...args: string[]) {
  const env = { ...process.env, CONTINUATA_DATA_DIR: dataDir };
  try {
    const { stdout, stderr } = await run("npx", ["--no-install", "tsx", "scripts/admin.ts", ...args], { env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
const dataDir = mkdtempSync(path.join(tmpdir(), "admin-cli-"));
const lastLine = (s: string) => s.trim().split("\n").at(-1);

describe("npm run admin", () => {
  it("creates an organisation, prints its slug last, and lists it with its owner", { timeout: 120_000 }, async () => {
    if (!process.env.DATABASE_URL) {
      const migrate = await run("npx", ["--no-install", "tsx", "scripts/migrate.ts"], {
        env: { ...process.env, CONTINUATA_DATA_DIR: dataDir },
      });
      expect(migrate.stdout).toMatch(/Applied \d+ migration/);
    }
    const name = unique("Cli Org");
    const email = `${unique("cli-owner")}@example.com`;
    const created = await admin("create-org", "--name", name, "--owner", email);
    expect(created.code).toBe(0);
    const slug = lastLine(created.stdout)!;
    expect(slug).toMatch(/^cli-org-/);

    const orgs = await admin("list-orgs");
    expect(orgs.stdout).toContain(`${slug}\t${name}\t1 member(s)`);
    const members = await admin("list-members", "--org", slug);
    expect(members.stdout.trim()).toBe(`${email}\towner`);
  });

  it("exits non-zero with a clear message on bad arguments", { timeout: 60_000 }, async () => {
    const noName = await admin("create-org", "--owner", "a@example.com");
    expect(noName.code).toBe(2);
    expect(noName.stderr).toContain("--name is required.");
    const badEmail = await admin("create-org", "--name", "X Co", "--owner", "nope");
    expect(badEmail.code).toBe(2);
    expect(badEmail.stderr).toContain("--owner must be a valid email address.");
    const unknown = await admin("launch-rockets");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('Unknown command "launch-rockets"');
    const missingOrg = await admin("list-members", "--org", "no-such-org");
    expect(missingOrg.code).toBe(1);
    expect(missingOrg.stderr).toContain('No organisation with slug "no-such-org".');
  });
});

describe("npm run admin -- create-key", () => {
  it("mints a personal key, then an integration key with scopes, each printed once on the last line", { timeout: 120_000 }, async () => {
    if (!process.env.DATABASE_URL)
      await run("npx", ["--no-install", "tsx", "scripts/migrate.ts"], { env: { ...process.env, CONTINUATA_DATA_DIR: dataDir } });
    const email = `${unique("cli-key")}@example.com`;
    const slug = lastLine((await admin("create-org", "--name", unique("Key Org"), "--owner", email)).stdout)!;

    const personal = await admin("create-key", "--org", slug, "--email", email);
    expect(personal.code).toBe(0);
    expect(lastLine(personal.stdout)).toMatch(/^ct_[0-9A-Za-z]{38}$/);
    expect(personal.stdout.match(/ct_[0-9A-Za-z]{38}/g)).toHaveLength(1);

    const integration = await admin("create-key", "--org", slug, "--email", email, "--name", "Stripe webhook", "--scopes", "read,write");
    expect(integration.code).toBe(0);
    expect(integration.stdout).toContain("scopes read,write");
    expect(lastLine(integration.stdout)).toMatch(/^ct_[0-9A-Za-z]{38}$/);

    const bad = await admin("create-key", "--org", slug, "--email", email, "--name", "x", "--scopes", "root");
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/Scopes are read, write and admin/);
    const stranger = await admin("create-key", "--org", slug, "--email", "nobody@example.com");
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain("nobody@example.com is not a member of");
  });
});

describe("npm run admin -- create-oauth-client", () => {
  it("prints client_id and client_secret on the last two lines; a member cannot create one", { timeout: 120_000 }, async () => {
    if (!process.env.DATABASE_URL)
      await run("npx", ["--no-install", "tsx", "scripts/migrate.ts"], { env: { ...process.env, CONTINUATA_DATA_DIR: dataDir } });
    const email = `${unique("cli-oauth")}@example.com`;
    const slug = lastLine((await admin("create-org", "--name", unique("OAuth Org"), "--owner", email)).stdout)!;
    const created = await admin("create-oauth-client", "--org", slug, "--email", email, "--name", "Sync job", "--scopes", "read");
    expect(created.code).toBe(0);
    const [clientId, secret] = created.stdout.trim().split("\n").slice(-2);
    expect(clientId).toMatch(/^ctc_[0-9A-Za-z]{24}$/);
    expect(secret).toMatch(/^cts_[0-9A-Za-z]{40}$/);
    const missing = await admin("create-oauth-client", "--org", slug, "--email", email);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--name is required.");
  });
});
