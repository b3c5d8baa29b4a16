import { describe, expect, it } from "vitest";
import { mailMode, outboxEnabled } from "./mode";

const env = (e: Record<string, string>) => e as unknown as NodeJS.ProcessEnv;

describe("mailMode", () => {
  it("uses SMTP whenever SMTP_URL is set", () => {
    expect(mailMode(env({ NODE_ENV: "production", SMTP_URL: "smtp://h:25" }))).toEqual({ kind: "smtp", url: "smtp://h:25" });
  });
  it("uses the outbox in development", () => {
    expect(mailMode(env({ NODE_ENV: "development" }))).toEqual({ kind: "outbox" });
    expect(outboxEnabled(env({ NODE_ENV: "development" }))).toBe(true);
  });
  it("refuses production without SMTP, unless the outbox is asked for explicitly", () => {
    expect(() => mailMode(env({ NODE_ENV: "production" }))).toThrow(/SMTP_URL is required/);
    expect(outboxEnabled(env({ NODE_ENV: "production" }))).toBe(false);
    expect(mailMode(env({ NODE_ENV: "production", MAIL_OUTBOX: "1" }))).toEqual({ kind: "outbox" });
  });
});
