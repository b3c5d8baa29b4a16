import { randomBytes } from "node:crypto";
import Stripe from "stripe";
import { expect, test } from "./fixtures";
import { linkFromOutbox, productWithFile, signUpWithOrg, uniqueEmail } from "./helpers";

const SECRET = `whsec_${randomBytes(24).toString("base64url")}`;

function checkoutCompleted(email: string, product: string) {
  return {
    id: `evt_${randomBytes(12).toString("hex")}`,
    object: "event",
    type: "checkout.session.completed",
    livemode: false,
    data: {
      object: {
        id: `cs_test_${randomBytes(12).toString("hex")}`,
        object: "checkout.session",
        payment_status: "paid",
        payment_intent: `pi_${randomBytes(12).toString("hex")}`,
        customer_details: { email },
        metadata: { continuata_product: product },
      },
    },
  };
}

test("connect Stripe in Settings, a signed checkout event becomes a purchase and a delivery email; an unknown product shows why", async ({
  page,
}) => {
  test.setTimeout(180_000); // many steps, on a shared 2-core machine
  const orgPath = await signUpWithOrg(page, "Stripe Shop");
  await productWithFile(page, orgPath, "Striped Kit", "striped-kit");

  await page.getByRole("link", { name: "Integrations" }).click();
  await expect(page.getByRole("heading", { name: "Stripe" })).toBeVisible();
  await expect(page.getByText("Not connected")).toBeVisible();
  const webhookUrl = (await page.getByTestId("webhook-url").textContent())!;
  expect(webhookUrl).toMatch(/\/api\/integrations\/stripe\/webhook\/[A-Za-z0-9_-]{32}$/);
  await page.getByLabel("Signing secret").fill(SECRET);
  await page.getByRole("button", { name: "Connect Stripe" }).click();
  await expect(page.getByText("Stripe is connected.")).toBeVisible();
  await expect(page.getByText("Connected", { exact: true })).toBeVisible();
  await expect(page.getByText(`whsec_…${SECRET.slice(-4)}`)).toBeVisible();
  await expect(page.getByTestId("webhook-url")).toHaveText(webhookUrl);

  // Stripe's delivery: the exact bytes, signed with the secret.
  const post = async (event: unknown) => {
    const payload = JSON.stringify(event);
    return page.request.post(webhookUrl, {
      data: payload,
      headers: {
        "content-type": "application/json; charset=utf-8",
        "stripe-signature": Stripe.webhooks.generateTestHeaderString({ payload, secret: SECRET }),
      },
    });
  };
  const buyer = uniqueEmail("stripe-buyer");
  const res = await post(checkoutCompleted(buyer, "striped-kit"));
  expect(res.status()).toBe(200);
  expect(await res.json()).toMatchObject({ received: true, outcome: "recorded", duplicate: false });

  const unsigned = await page.request.post(webhookUrl, { data: JSON.stringify(checkoutCompleted(uniqueEmail("x"), "striped-kit")) });
  expect(unsigned.status()).toBe(400);

  const stranger = uniqueEmail("stranger");
  const failed = await post(checkoutCompleted(stranger, "no-such-kit"));
  expect(failed.status()).toBe(200);

  await page.reload();
  const events = page.getByTestId("stripe-event");
  await expect(events).toHaveCount(2);
  await expect(events.filter({ hasText: buyer })).toHaveAttribute("data-outcome", "recorded");
  await expect(events.filter({ hasText: stranger })).toContainText('No product "no-such-kit"');

  await page.goto(`${orgPath}/purchases`);
  await expect(page.getByTestId("purchase-row").filter({ hasText: buyer })).toContainText("Striped Kit");
  const link = await linkFromOutbox(page, buyer, /Your download: Striped Kit/);
  expect(link).toMatch(/\/download\?token=ct_/);

  // Disconnecting asks in the in-app dialog; afterwards the URL refuses events.
  await page.goto(`${orgPath}/settings/integrations/stripe`);
  await page.getByRole("button", { name: "Disconnect Stripe" }).click();
  await page.getByRole("alertdialog").getByRole("button", { name: "Disconnect" }).click();
  await expect(page.getByText("Not connected")).toBeVisible();
  expect((await post(checkoutCompleted(uniqueEmail("late"), "striped-kit"))).status()).toBe(404);
});
