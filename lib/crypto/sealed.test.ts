import { beforeAll, describe, expect, it, vi } from "vitest";
import { openBytes, openSecret, sealBytes, sealSecret } from "@/lib/crypto/sealed";
import { openAnswer } from "@/lib/api/idempotency";
import { openSecret as openWebhookSecret, sealSecret as sealWebhookSecret } from "@/lib/webhooks/secret-box";

// Values sealed under this AUTH_SECRET by the code that stored them before the three copies
// (webhook secrets, idempotent answers, Stripe secrets) became one module: rows already in a
// database hold such values, so they must keep opening.
const AUTH_SECRET = "fixture-auth-secret-for-sealed-tests";
const OLD = {
  idempotentAnswer: "otpUXy/5PbObo/Uz+4DNJs1na2whtVWWLiM+2LoZ3PEOIUhctpKim76TrYSRi07Mrfl+TmHT8EnZAA==",
  webhookSecret: "gAaYmBp6fKj1EtkC9w41J4VKh6Uf/xbQ0xJwJJVVIX3A3edZ8fy/lnUylJo3D0XPL3kOtaGOO8TKFjzp6fy16/PhGSwKmAxqdKvinRLf",
  stripeSecret: "xYGcfckBpD05eXeYgtZ5WVu0bOyep0bd1qAFtZC7+u638kI0HC8OgxtCSufQAByhwgi/QMlN+w==",
};
const bytes = (base64: string) => new Uint8Array(Buffer.from(base64, "base64"));

beforeAll(() => {
  // authSecret() reads the environment once, on first use, and nothing in this file has used it yet.
  vi.stubEnv("AUTH_SECRET", AUTH_SECRET);
});

describe("values sealed before the merge", () => {
  it("an idempotent answer still replays, only for its credential and key", () => {
    const answer = openAnswer(bytes(OLD.idempotentAnswer), { credentialId: "cred_fixture", key: "7f1c2d9e-idem-key" });
    expect(new TextDecoder().decode(answer)).toBe('{"key":"ct_shown_once_secret"}');
    expect(() => openAnswer(bytes(OLD.idempotentAnswer), { credentialId: "cred_fixture", key: "another-key" })).toThrow(
      /can no longer be read/,
    );
  });

  it("a webhook signing secret still opens, only for its endpoint", () => {
    expect(openWebhookSecret(OLD.webhookSecret, "ep_fixture")).toBe("whsec_MfKQ9r8GKYqrTU7fOyVXBG5smFZ6Z0sIFxbZA3u8Pjc=");
    expect(() => openWebhookSecret(OLD.webhookSecret, "ep_other")).toThrow(/cannot be opened/);
  });

  it("a Stripe signing secret still opens, only for its organisation", () => {
    expect(openSecret(bytes(OLD.stripeSecret), "stripe webhook signing secret", "org_fixture")).toBe("whsec_stripe_fixture_secret");
    expect(openSecret(bytes(OLD.stripeSecret), "stripe webhook signing secret", "org_other")).toBeNull();
  });
});

describe("sealed values", () => {
  it("open with their purpose and binding only", () => {
    const sealed = sealSecret("s3cret ✓", "a purpose", "row_1");
    expect(openSecret(sealed, "a purpose", "row_1")).toBe("s3cret ✓");
    expect(openSecret(sealed, "another purpose", "row_1")).toBeNull();
    expect(openSecret(sealed, "a purpose", "row_2")).toBeNull();
    expect(Buffer.from(sealed).toString("latin1")).not.toContain("s3cret");
  });

  it("are fresh each time (random IV) and detect tampering", () => {
    const plain = new Uint8Array([0, 1, 2, 255]);
    const a = sealBytes(plain, "p", "b");
    expect(Buffer.from(a).equals(Buffer.from(sealBytes(plain, "p", "b")))).toBe(false);
    expect(openBytes(a, "p", "b")).toEqual(plain);
    a[a.length - 1] ^= 1;
    expect(openBytes(a, "p", "b")).toBeNull();
    expect(openBytes(new Uint8Array(5), "p", "b")).toBeNull();
  });

  it("webhook secrets round-trip as base64 text", () => {
    const sealed = sealWebhookSecret("whsec_abc", "ep_1");
    expect(sealed).toMatch(/^[A-Za-z0-9+/]+=*$/);
    expect(openWebhookSecret(sealed, "ep_1")).toBe("whsec_abc");
  });
});
