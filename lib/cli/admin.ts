import { parseArgs } from "node:util";
import { db, disconnectDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { normalizeEmail } from "@/lib/validation/email";
import { createOrganization } from "@/lib/orgs/organizations";
import { listMembers } from "@/lib/orgs/members";
import type { Actor } from "@/lib/auth/actor";

export interface Io {
  out(line: string): void;
  err(line: string): void;
}

const USAGE = `Usage: npm run admin -- <command> [options]

Commands:
  create-org --name <name> --owner <email>   Create an organisation (and the owner's user if needed).
                                              Prints the organisation's slug on the last line.
  list-orgs                                   List organisations: slug, name, members.
  list-members --org <slug>                   List members of an organisation: email, role.
  create-key --org <slug> --email <user> [--name <name>] [--scopes read,write,admin]
                                              Without --name: mint (or refresh) the user's personal key.
                                              With --name: an integration key acting as that user.
                                              Prints the key once, on the last line.
                                              --rate-limit <n>: requests per minute for this key.
  create-oauth-client --org <slug> --email <acting admin> --name <name> [--scopes read,write,admin]
                                              Prints client_id and client_secret on the last two lines.
  purge-requests                              Delete request history past each organisation's retention
                                              (the server also does this hourly; use for cron jobs).`;

class UsageError extends Error {}

function required(values: Record<string, unknown>, name: string): string {
  const v = values[name];
  if (typeof v !== "string" || !v.trim()) throw new UsageError(`--${name} is required.`);
  return v.trim();
}

/** `--scopes read,write` as a list; unset means the command's default (all three). */
const scopeList = (value: unknown) =>
  typeof value === "string"
    ? value
        .split(",")
        .map((s) => s.trim())
        .filter(Boolean)
    : undefined;

async function findOrCreateUser(email: string) {
  return db.user.upsert({ where: { email }, update: {}, create: { email } });
}

const COMMANDS: Record<
  string,
  { options: Record<string, { type: "string" }>; run(values: Record<string, unknown>, io: Io): Promise<void> }
> = {
  "create-org": {
    options: { name: { type: "string" }, owner: { type: "string" } },
    async run(values, io) {
      const name = required(values, "name");
      const email = normalizeEmail(required(values, "owner"));
      if (!email) throw new UsageError("--owner must be a valid email address.");
      const user = await findOrCreateUser(email);
      const actor: Actor = { userId: user.id, via: "cli" };
      const org = await createOrganization(actor, { name });
      io.out(`Created organisation "${org.name}" owned by ${email}.`);
      io.out(org.slug);
    },
  },
  "list-orgs": {
    options: {},
    async run(_values, io) {
      const orgs = await db.organization.findMany({
        orderBy: { createdAt: "asc" },
        include: { _count: { select: { memberships: true } } },
      });
      if (!orgs.length) io.out("No organisations yet. Create one with: npm run admin -- create-org --name <name> --owner <email>");
      for (const o of orgs) io.out(`${o.slug}\t${o.name}\t${o._count.memberships} member(s)${o.active ? "" : "\tinactive"}`);
    },
  },
  "list-members": {
    options: { org: { type: "string" } },
    async run(values, io) {
      const slug = required(values, "org");
      const org = await db.organization.findUnique({ where: { slug } });
      if (!org) throw new AppError("NOT_FOUND", `No organisation with slug "${slug}".`);
      for (const m of await listMembers(org.id)) io.out(`${m.user.email}\t${m.role}`);
    },
  },
};

async function orgAndMember(slug: string, email: string) {
  const org = await db.organization.findUnique({ where: { slug } });
  if (!org) throw new AppError("NOT_FOUND", `No organisation with slug "${slug}".`);
  const user = await db.user.findUnique({ where: { email } });
  const member = user && (await db.membership.findUnique({ where: { orgId_userId: { orgId: org.id, userId: user.id } } }));
  if (!user || !member) throw new AppError("NOT_FOUND", `${email} is not a member of "${slug}".`);
  return { org, user };
}

COMMANDS["create-key"] = {
  options: {
    org: { type: "string" },
    email: { type: "string" },
    name: { type: "string" },
    scopes: { type: "string" },
    "rate-limit": { type: "string" },
  },
  async run(values, io) {
    const email = normalizeEmail(required(values, "email"));
    if (!email) throw new UsageError("--email must be a valid email address.");
    const { org, user } = await orgAndMember(required(values, "org"), email);
    const actor: Actor = { userId: user.id, via: "cli" };
    const { refreshPersonalKey, createIntegrationKey } = await import("@/lib/keys/manage");
    const { updateKey } = await import("@/lib/keys/update");
    const rateLimit = values["rate-limit"] === undefined ? undefined : Number(values["rate-limit"]);
    if (rateLimit !== undefined && !(Number.isInteger(rateLimit) && rateLimit > 0))
      throw new UsageError("--rate-limit must be a whole number of requests per minute.");
    const withLimit = async (keyId: string) => {
      if (rateLimit !== undefined) await updateKey(actor, org.id, keyId, { rateLimitPerMinute: rateLimit });
    };
    if (values.name === undefined) {
      if (values.scopes !== undefined)
        throw new UsageError("--scopes applies to integration keys (with --name); personal keys have the scopes of the user's role.");
      const { key, token } = await refreshPersonalKey(actor, org.id);
      await withLimit(key.id);
      io.out(
        `Minted the personal key of ${email} in "${org.slug}" (${key.hint}, scopes ${key.scopes.join(",")}). Any previous personal key stopped working.`,
      );
      io.out(token);
      return;
    }
    const scopes = scopeList(values.scopes);
    const { key, token } = await createIntegrationKey(actor, org.id, { name: values.name, scopes });
    await withLimit(key.id);
    io.out(`Created integration key "${key.name}" (${key.hint}, scopes ${key.scopes.join(",")}) in "${org.slug}", acting as ${email}.`);
    io.out(token);
  },
};

COMMANDS["create-oauth-client"] = {
  options: { org: { type: "string" }, email: { type: "string" }, name: { type: "string" }, scopes: { type: "string" } },
  async run(values, io) {
    const email = normalizeEmail(required(values, "email"));
    if (!email) throw new UsageError("--email must be a valid email address.");
    const name = required(values, "name");
    const { org, user } = await orgAndMember(required(values, "org"), email);
    const scopes = scopeList(values.scopes);
    const { createOAuthClient } = await import("@/lib/oauth/clients");
    const { client, clientSecret } = await createOAuthClient({ userId: user.id, via: "cli" }, org.id, { name, scopes });
    io.out(`Created OAuth app "${client.name}" (scopes ${client.scopes.join(",")}) in "${org.slug}", acting as ${email}.`);
    io.out(client.clientId);
    io.out(clientSecret);
  },
};

COMMANDS["purge-requests"] = {
  options: {},
  async run(_values, io) {
    const { purgeExpiredRequests } = await import("@/lib/request-log/retention");
    io.out(`Purged ${await purgeExpiredRequests()} expired request records.`);
  },
};

/** Returns the process exit code: 0 done, 1 failed, 2 bad usage. */
export async function runAdmin(argv: string[], io: Io): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === "help" || name === "--help") {
    io.out(USAGE);
    return name ? 0 : 2;
  }
  const command = COMMANDS[name];
  if (!command) {
    io.err(`Unknown command "${name}".\n\n${USAGE}`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({ args: rest, options: command.options, strict: true, allowPositionals: true });
    if (positionals.length) throw new UsageError(`Unexpected argument "${positionals[0]}".`);
    await command.run(values, io);
    return 0;
  } catch (err) {
    if (err instanceof UsageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS")) {
      io.err(`${(err as Error).message}\n\n${USAGE}`);
      return 2;
    }
    if (err instanceof AppError) {
      io.err(`Error: ${err.message}`);
      return 1;
    }
    io.err(`Error: ${(err as Error).message ?? err}`);
    return 1;
  } finally {
    await disconnectDb();
  }
}
