import { describe, expect, it } from "vitest";
import { safeContentType } from "./content-type";

describe("safeContentType", () => {
  it("keeps inert types", () => {
    for (const t of [
      "application/zip",
      "application/pdf",
      "audio/mpeg",
      "audio/x-wav",
      "image/png",
      "image/jpeg",
      "image/gif",
      "image/webp",
    ])
      expect(safeContentType(t)).toBe(t);
    expect(safeContentType("Application/ZIP; charset=x")).toBe("application/zip");
  });
  it("turns everything active or unknown into octet-stream", () => {
    for (const t of [
      "text/html",
      "image/svg+xml",
      "application/xml",
      "text/xml",
      "application/xhtml+xml",
      "text/javascript",
      "application/json",
      "text/plain",
      "",
      "audio/<x>",
      "multipart/x-mixed-replace",
    ]) {
      expect(safeContentType(t)).toBe("application/octet-stream");
    }
  });
});
