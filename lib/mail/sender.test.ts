import { describe, expect, it } from "vitest";
import { displayName, fromAddress } from "./sender";

describe("sender", () => {
  it("keeps MAIL_FROM's address and drops its name", () => {
    expect(fromAddress("Continuata <shop@example.com>")).toBe("shop@example.com");
    expect(fromAddress("shop@example.com")).toBe("shop@example.com");
    expect(fromAddress(undefined)).toBe("no-reply@localhost");
  });

  it("makes an organisation name safe for one header line", () => {
    expect(displayName("Acme\r\nBcc: victim@example.com")).toBe("Acme Bcc: victim@example.com");
    expect(displayName(`"Evil" <x@y>`)).toBe("Evil x@y");
    expect(displayName("Ünïcode Söund ♪")).toBe("Ünïcode Söund ♪");
    expect(displayName("\u0000\u200b")).toBe("Continuata");
    expect([...displayName("a".repeat(200))]).toHaveLength(64);
  });
});
