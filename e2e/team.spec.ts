import { expect, test } from "./fixtures";
import { linkFromOutbox, signIn, uniqueEmail } from "./helpers";

test("sign in, create an organisation, invite a teammate who joins as member, promote them", async ({ browser }) => {
  const ownerEmail = uniqueEmail("owner");
  const memberEmail = uniqueEmail("member");
  const owner = await (await browser.newContext()).newPage();

  await test.step("owner signs in through the outbox and creates an organisation", async () => {
    await signIn(owner, ownerEmail);
    await expect(owner).toHaveURL(/\/orgs\/new$/);
    await owner.getByLabel("Organisation name").fill("Acme Sounds");
    await owner.getByRole("button", { name: "Create organisation" }).click();
    await expect(owner).toHaveURL(/\/orgs\/acme-sounds/);
    await expect(owner.getByRole("heading", { name: "Acme Sounds" })).toBeVisible();
  });
  const orgUrl = new URL(owner.url()).pathname;

  await test.step("owner invites a teammate as member", async () => {
    await owner.getByRole("link", { name: "Members" }).first().click();
    await owner.getByLabel("Email").fill(memberEmail);
    await owner.getByRole("button", { name: "Send invite" }).click();
    await expect(owner.getByText(`Invitation sent to ${memberEmail}.`)).toBeVisible();
    await expect(owner.getByText("Pending invitations")).toBeVisible();
  });

  const member = await (await browser.newContext()).newPage();
  await test.step("the teammate opens the invite, signs in and accepts", async () => {
    const invite = await linkFromOutbox(member, memberEmail, /invited you/);
    await member.goto(invite);
    await member.getByRole("link", { name: `Sign in as ${memberEmail} to accept` }).click();
    await member.getByLabel("Email").fill(memberEmail);
    await member.getByRole("button", { name: "Email me a sign-in link" }).click();
    await expect(member.getByRole("heading", { name: "Check your email" })).toBeVisible();
    await member.goto(await linkFromOutbox(member, memberEmail, /Sign in/));
    await expect(member.getByRole("heading", { name: "Join Acme Sounds" })).toBeVisible();
    await member.getByRole("button", { name: "Accept invitation" }).click();
    await expect(member).toHaveURL(new RegExp(`${orgUrl}$`));
  });

  await test.step("the member view has no settings", async () => {
    await expect(member.getByText("You are a member of this organisation · 2 members.")).toBeVisible();
    await expect(member.getByRole("navigation", { name: "Dashboard" }).getByRole("link", { name: "Members" })).toHaveCount(0);
    await member.goto(`${orgUrl}/settings/members`);
    await expect(member.getByText("You do not have access")).toBeVisible();
  });

  await test.step("the invite link does not work twice", async () => {
    const invite = await linkFromOutbox(member, memberEmail, /invited you/);
    await member.goto(invite);
    await expect(member.getByText("This invitation has already been used.")).toBeVisible();
  });

  await test.step("owner promotes the member to admin; the change takes effect", async () => {
    await owner.reload();
    const row = owner.getByTestId("member-row").filter({ hasText: memberEmail });
    await row.getByLabel(`Role for ${memberEmail}`).selectOption("admin");
    await row.getByRole("button", { name: "Save" }).click();
    await expect(owner.getByTestId("toast").filter({ hasText: "Role updated." })).toBeVisible();

    await member.goto(orgUrl);
    await expect(member.getByText("You are an admin of this organisation · 2 members.")).toBeVisible();
    await member.goto(`${orgUrl}/settings/members`);
    await expect(member.getByRole("heading", { name: "Members", exact: true })).toBeVisible();
    await expect(member.getByTestId("member-row")).toHaveCount(2);
  });

  await test.step("the last owner cannot be removed; the audit log shows what happened", async () => {
    await owner.goto(`${orgUrl}/settings/audit`);
    await expect(owner.getByTestId("audit-row").filter({ hasText: "member.role_changed" })).toBeVisible();
    await expect(owner.getByTestId("audit-row").filter({ hasText: "member.joined" })).toBeVisible();
  });
});

test("an organisation you do not belong to is a 404", async ({ page }) => {
  await signIn(page, uniqueEmail("stranger"));
  const res = await page.goto("/orgs/acme-sounds/settings/members");
  expect(res?.status()).toBe(404);
});
