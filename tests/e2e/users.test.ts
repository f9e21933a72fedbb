// User management in the browser at desktop and phone width: an admin invites a user, a second
// browser accepts the link and lands in the organisation with that role; the admin then resets
// that user's token key (their next navigation goes to /login), changes their role and deletes
// them, each through its dialog. Uses only users it creates; the demo users' roles are untouched.
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { DESKTOP, MOBILE, screenshot, sharedBrowser, signIn } from "./support/browser";

const baseUrl = inject("baseUrl");
const PASSWORD = "invited-user-password";
const openContext = sharedBrowser();

async function generateInvitation(page: Page, role: "user" | "readonly" | "admin") {
  await page.goto(`${baseUrl}/organisation/users`);
  await page.getByLabel("Role", { exact: true }).selectOption(role);
  await page.getByRole("button", { name: "Generate invitation link" }).click();
  const dialog = page.getByRole("dialog", { name: "Invitation link" });
  await dialog.waitFor();
  const url = await dialog.getByRole("textbox").inputValue();
  return { url, dialog };
}

const row = (page: Page, email: string) => page.locator("tr", { hasText: email });

async function confirmIn(page: Page, dialogName: RegExp, button: string, typed?: string) {
  const dialog = page.getByRole("dialog", { name: dialogName });
  await dialog.waitFor();
  if (typed !== undefined) {
    expect(await dialog.getByRole("button", { name: button, exact: true }).isDisabled()).toBe(true);
    await dialog.getByLabel(`Type ${typed} to confirm`).fill(typed);
  }
  await dialog.getByRole("button", { name: button, exact: true }).click();
  await dialog.waitFor({ state: "hidden" });
}

describe.each([
  ["desktop", DESKTOP],
  ["mobile", MOBILE],
] as const)("user management at %s width", (label, viewport) => {
  it("invite → accept in a second browser → reset token, change role, delete", async () => {
    const adminContext = await openContext(viewport);
    const admin = await adminContext.newPage();
    await signIn(admin, baseUrl, "admin@demo.local");

    const { url, dialog } = await generateInvitation(admin, "user");
    expect(url).toMatch(/\/invite\/pg_inv_[A-Za-z0-9_-]{32,}$/);
    await screenshot(admin, `users-invitation-link-${label}`);
    await dialog.getByRole("button", { name: "Done" }).click();

    // A second browser (the invited person) opens the link and creates the account.
    const inviteeContext = await openContext(viewport);
    const invitee = await inviteeContext.newPage();
    await invitee.goto(`${baseUrl}${new URL(url).pathname}`);
    await invitee.getByRole("heading", { name: /Join Demo Streaming Co/ }).waitFor();
    const email = `e2e-${label}-${Date.now()}@example.test`;
    await invitee.getByLabel("Email").fill(email);
    await invitee.getByLabel("Your name").fill(`Invited ${label}`);
    await invitee.getByLabel("Password").fill(PASSWORD);
    await screenshot(invitee, `users-accept-invitation-${label}`);
    await invitee.getByRole("button", { name: "Create account and join" }).click();
    await invitee.waitForURL(/\/organisation\/overview$/, { timeout: 30_000 });
    // The server's greeting survives the hop into the dashboard.
    await invitee.getByRole("status").getByText(`Welcome! Your account ${email} was created.`).waitFor();
    await invitee.goto(`${baseUrl}/account`);
    await invitee.getByRole("heading", { name: "Your account" }).waitFor();
    expect(await invitee.locator("h1 + *").first().textContent()).toContain("User");

    // The link was single-use.
    const reuse = await inviteeContext.newPage();
    await reuse.goto(`${baseUrl}${new URL(url).pathname}`);
    await reuse.getByRole("heading", { name: "This invitation was already used" }).waitFor();
    await reuse.close();

    // The admin sees them in the table and resets their token key.
    await admin.goto(`${baseUrl}/organisation/users`);
    await row(admin, email).waitFor();
    await screenshot(admin, `users-table-${label}`);
    await admin.getByRole("button", { name: `Reset user token of ${email}` }).click();
    await screenshot(admin, `users-reset-dialog-${label}`);
    await confirmIn(admin, /Reset token key of/, "Reset token key");
    await admin.getByText(`Token key of ${email} reset`).first().waitFor();

    // The invitee's next navigation ends at the sign-in page, which says why and returns them.
    await invitee.goto(`${baseUrl}/account`);
    await invitee.waitForURL(/\/login/);
    await invitee.getByRole("status").getByText(/Your session ended because an administrator changed your access/).waitFor();
    await screenshot(invitee, `users-session-ended-${label}`);
    await invitee.getByLabel("Email").fill(email);
    await invitee.getByLabel("Password").fill(PASSWORD);
    await invitee.getByRole("button", { name: "Sign in" }).click();
    await invitee.waitForURL(/\/account$/);
    await invitee.getByRole("heading", { name: "Your account" }).waitFor();

    // Change role: user → read-only.
    await admin.reload();
    await admin.getByRole("button", { name: `Change role of ${email}` }).click();
    const roleDialog = admin.getByRole("dialog", { name: /Change role of/ });
    await roleDialog.getByLabel("Permission level").selectOption("readonly");
    await screenshot(admin, `users-change-role-dialog-${label}`);
    await roleDialog.getByRole("button", { name: "Change role", exact: true }).click();
    await roleDialog.waitFor({ state: "hidden" });
    await admin.reload();
    await row(admin, email).getByText("Read-only").waitFor();

    // The role filter is in the URL and shows them under Read-only.
    await admin.getByRole("link", { name: /^Read-only/ }).click();
    await admin.waitForURL(/role=readonly/);
    await row(admin, email).waitFor();

    // Delete them.
    await admin.getByRole("button", { name: `Delete user ${email}` }).click();
    await screenshot(admin, `users-delete-dialog-${label}`);
    await confirmIn(admin, new RegExp(`Delete user`), "Delete user", email);
    await admin.reload();
    await expect(row(admin, email).count()).resolves.toBe(0);

    const overflow = await admin.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await adminContext.close();
    await inviteeContext.close();
  });
});

describe("pending invitations", () => {
  it("an admin revokes a pending invitation from the list, and its link then says it was revoked", async () => {
    const context = await openContext(MOBILE);
    const admin = await context.newPage();
    await signIn(admin, baseUrl, "admin@demo.local");
    const { url, dialog } = await generateInvitation(admin, "readonly");
    await dialog.getByRole("button", { name: "Done" }).click();

    // Newest first: the link just made is the first read-only invitation by this admin.
    await admin.reload();
    const revokeButtons = admin.getByRole("button", { name: "Revoke Read-only invitation by admin@demo.local" });
    const before = await revokeButtons.count();
    expect(before).toBeGreaterThan(0);
    await revokeButtons.first().click();
    const confirm = admin.getByRole("dialog", { name: "Revoke Read-only invitation by admin@demo.local?" });
    await confirm.getByText("The link stops working at once.").waitFor();
    await screenshot(admin, "users-revoke-invitation-dialog-mobile");
    await confirm.getByRole("button", { name: "Revoke invitation", exact: true }).click();
    await confirm.waitFor({ state: "hidden" });
    await expect.poll(() => revokeButtons.count()).toBe(before - 1);
    // The revoked row's button is gone; focus moved to a neighbour (or the list), not the page's body.
    await expect.poll(() => admin.evaluate(() => !!document.activeElement && document.activeElement !== document.body)).toBe(true);

    const invitee = await openContext(MOBILE);
    const page = await invitee.newPage();
    await page.goto(`${baseUrl}${new URL(url).pathname}`);
    await page.getByRole("heading", { name: "This invitation was revoked" }).waitFor();
    expect(await page.getByLabel("Password").count()).toBe(0);
    await invitee.close();
    await context.close();
  });
});

describe("dead invitation links", () => {
  it("an unknown link says so and offers no form", async () => {
    const context = await openContext(MOBILE);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/invite/pg_inv_not-a-real-invitation-token-000`);
    await page.getByRole("heading", { name: "This invitation link is not valid" }).waitFor();
    expect(await page.getByLabel("Password").count()).toBe(0);
    await screenshot(page, "users-invitation-unknown-mobile");
    await context.close();
  });
});
