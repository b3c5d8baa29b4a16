import { afterEach, describe, expect, it, vi } from "vitest";
import { outboxReadable } from "./outbox-access";
import { sendMail } from "./send";

const prod = (extra: Record<string, string> = {}) => ({ NODE_ENV: "production", ...extra }) as unknown as NodeJS.ProcessEnv;
const from = (xff: string, more: Record<string, string> = {}) => new Headers({ "x-forwarded-for": xff, ...more });

describe("outboxReadable", () => {
  it("is open while developing", () => {
    expect(outboxReadable(from("203.0.113.9"), {}, { NODE_ENV: "development" } as unknown as NodeJS.ProcessEnv)).toBe(true);
  });

  it("in production only for a client on this machine", () => {
    expect(outboxReadable(from("::ffff:127.0.0.1"), {}, prod())).toBe(true);
    expect(outboxReadable(from("::1"), {}, prod())).toBe(true);
    expect(outboxReadable(from("203.0.113.9"), {}, prod())).toBe(false);
    // Claiming to be local in front of a remote peer does not help.
    expect(outboxReadable(from("127.0.0.1, 203.0.113.9"), {}, prod())).toBe(false);
    // A proxy on this machine forwarding a stranger is not local either, trusted or not.
    expect(outboxReadable(from("203.0.113.9, 127.0.0.1"), {}, prod())).toBe(false);
    expect(outboxReadable(from("203.0.113.9, 127.0.0.1"), {}, prod({ TRUST_PROXY: "1" }))).toBe(false);
    expect(outboxReadable(new Headers(), {}, prod())).toBe(false);
  });

  it("or with OUTBOX_TOKEN, as a bearer token or ?token=", () => {
    const env = prod({ OUTBOX_TOKEN: "s3cret-outbox" });
    expect(outboxReadable(from("203.0.113.9", { authorization: "Bearer s3cret-outbox" }), {}, env)).toBe(true);
    expect(outboxReadable(from("203.0.113.9"), { token: "s3cret-outbox" }, env)).toBe(true);
    expect(outboxReadable(from("203.0.113.9"), { token: "s3cret-outbo" }, env)).toBe(false);
    expect(outboxReadable(from("203.0.113.9"), { token: ["s3cret-outbox"] }, env)).toBe(false);
    expect(outboxReadable(from("203.0.113.9", { authorization: "Bearer wrong" }), {}, env)).toBe(false);
  });
});

describe("the outbox's console line", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("never carries the link in production", async () => {
    const info = vi.spyOn(console, "info").mockImplementation(() => undefined);
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("MAIL_OUTBOX", "1");
    vi.stubEnv("SMTP_URL", "");
    const link = "http://localhost:3000/api/auth/callback/email?token=abcdef123456";
    await sendMail({ to: "a@example.com", subject: "Sign in to Continuata", text: link, html: link, link });
    vi.stubEnv("NODE_ENV", "development");
    await sendMail({ to: "a@example.com", subject: "Sign in to Continuata", text: link, html: link, link });
    const lines = info.mock.calls.map((c) => String(c[0]));
    info.mockRestore();
    expect(lines).toEqual(["[outbox] Sign in to Continuata → a@example.com", `[outbox] Sign in to Continuata → a@example.com: ${link}`]);
  });
});
