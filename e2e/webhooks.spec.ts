import http from "node:http";
import type { AddressInfo } from "node:net";
import { Webhook } from "standardwebhooks";
import { expect, test } from "./fixtures";
import { signUpWithOrg } from "./helpers";

test("add a webhook endpoint in Settings, send a test event, see the delivery and resend it", async ({ page }) => {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      received.push({ headers: req.headers, body });
      res.end("thanks");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`;
  try {
    await signUpWithOrg(page, "Hooks Co");
    await page.getByRole("link", { name: "Webhooks" }).first().click();
    await page.getByLabel("Endpoint URL").fill(url);
    await page.getByLabel("Description (optional)").fill("Fulfilment");
    await page.getByRole("button", { name: "Add endpoint" }).click();
    const secret = await page.getByTestId("revealed-key").inputValue();
    expect(secret).toMatch(/^whsec_/);

    const endpoint = page.getByTestId("webhook-endpoint");
    await expect(endpoint).toHaveAttribute("data-url", url);
    await endpoint.getByRole("button", { name: "Send test event" }).click();
    // The page refreshes itself while the delivery is pending.
    const row = endpoint.getByTestId("delivery-row");
    await expect(row).toHaveAttribute("data-status", "succeeded", { timeout: 15_000 });
    await expect(row).toContainText("webhook.test");
    await expect(row).toContainText("200");
    await expect(row).toContainText("thanks");
    expect(received).toHaveLength(1);
    const msg = new Webhook(secret).verify(received[0].body, received[0].headers as Record<string, string>) as { type: string };
    expect(msg.type).toBe("webhook.test");

    await row.getByRole("button", { name: "Resend" }).click();
    const dialog = page.getByRole("alertdialog");
    await expect(dialog).toContainText("Send webhook.test again?");
    await dialog.getByRole("button", { name: "Resend" }).click();
    await expect(async () => {
      await page.reload();
      await expect(endpoint.getByTestId("delivery-row")).toHaveCount(2);
      await expect(endpoint.getByTestId("delivery-row").first()).toHaveAttribute("data-status", "succeeded");
    }).toPass({ timeout: 15_000 });
    expect(received.map((r) => r.headers["webhook-id"])).toEqual([received[0].headers["webhook-id"], received[0].headers["webhook-id"]]);

    await page.reload();
    expect(await page.content()).not.toContain(secret);
  } finally {
    server.close();
  }
});
