import { describe, expect, it } from "vitest";
import { POST as create } from "@/app/api/products/route";
import { createOrgWith, personalKey, unique } from "./fixtures";
import { call } from "./api/client";

describe("POST /api/products at the same moment", () => {
  it("two creates of one id: one 201, one 422 naming the id, never a 500", async () => {
    const { org, owner } = await createOrgWith();
    const { token } = await personalKey(org.id, owner);
    for (let round = 0; round < 5; round++) {
      const id = unique("race");
      const answers = await Promise.all(
        [0, 1, 2].map(() => call(create, "/api/products", { method: "POST", token, body: { id, name: "Race" } })),
      );
      expect(answers.map((a) => a.status).sort()).toEqual([201, 422, 422]);
    }
  });
});
