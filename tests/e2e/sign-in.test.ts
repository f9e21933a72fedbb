// Signing in as each demo user at desktop and phone width; the Account menu at both widths;
// wrong passwords; the failed-login rate limit; sign-out. Screenshots go to tests/artifacts.
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { DESKTOP, MOBILE, screenshot, sharedBrowser, signIn } from "./support/browser";

const baseUrl = inject("baseUrl");
// The form's own alert (Next also renders an empty route announcer with role=alert).
const formAlert = (page: Page) => page.locator('form [role="alert"]');
const openContext = sharedBrowser();

const USERS = [
  { email: "admin@demo.local", role: "admin", seesUsers: true },
  { email: "user@demo.local", role: "user", seesUsers: true },
  { email: "readonly@demo.local", role: "readonly", seesUsers: false },
] as const;

describe.each([
  ["desktop", DESKTOP],
  ["mobile", MOBILE],
] as const)("sign-in at %s width", (label, viewport) => {
  it.each(USERS)("$role signs in, sees the organisation and the Account menu", async ({ email, role, seesUsers }) => {
    const context = await openContext(viewport);
    const page = await context.newPage();
    await signIn(page, baseUrl, email);
    expect(new URL(page.url()).pathname).toBe("/streams");
    await expect(page.getByText("Demo Streaming Co").first().isVisible()).resolves.toBe(true);

    // Desktop: the profile icon opens the Account menu. Phone: one Menu button opens everything.
    const opener = label === "desktop" ? page.getByRole("button", { name: /account menu/i }) : page.getByRole("button", { name: "Menu", exact: true });
    await opener.click();
    const menu = page.locator(`[id="${await opener.getAttribute("aria-controls")}"]`);
    await menu.getByText("Organisation overview").waitFor();
    expect(await menu.getByText("User management").count()).toBe(seesUsers ? 1 : 0);
    await screenshot(page, `account-menu-${role}-${label}`);

    await menu.getByText("Organisation overview").click();
    await page.waitForURL(/\/organisation\/overview$/);
    // The menu item went with the menu: focus is on the new page's heading, not on <body>.
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("H1");

    // Horizontal panning is never needed.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });
});

describe("mobile menu", () => {
  it("tabbing past its last item closes it, so focus never reaches controls hidden behind the panel", async () => {
    const context = await openContext(MOBILE);
    const page = await context.newPage();
    await signIn(page, baseUrl, "readonly@demo.local");
    const opener = page.getByRole("button", { name: "Menu", exact: true });
    await opener.click();
    const signOut = page.getByRole("button", { name: "Sign out" });
    await signOut.focus();
    await page.keyboard.press("Tab");
    await expect.poll(() => opener.getAttribute("aria-expanded")).toBe("false");
    expect(await signOut.count()).toBe(0);
    // Tapping the account's plain text inside the open panel leaves it open.
    await opener.click();
    await page.getByText("readonly@demo.local", { exact: false }).first().click();
    expect(await opener.getAttribute("aria-expanded")).toBe("true");
    await context.close();
  });
});

describe("sign-in errors", () => {
  it("empty fields are named next to each field, focus on the first, without calling the server", async () => {
    const context = await openContext(DESKTOP);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    let calls = 0;
    page.on("request", (req) => void (req.url().includes("/api/auth/callback/credentials") && calls++));
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.getByText("Enter your email address.").waitFor();
    await page.getByText("Enter your password.").waitFor();
    expect(await page.evaluate(() => document.activeElement?.getAttribute("name"))).toBe("email");
    expect(await page.getByText(/incorrect/i).count()).toBe(0);
    await page.getByLabel("Email").fill("admin@demo.local");
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForFunction(() => document.activeElement?.getAttribute("name") === "password");
    expect(await page.getByText("Enter your email address.").count()).toBe(0);
    expect(calls).toBe(0);
    await context.close();
  });

  it("a wrong password shows the same clear error as an unknown email", async () => {
    const context = await openContext(DESKTOP);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    await page.getByLabel("Email").fill("admin@demo.local");
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const known = await formAlert(page).textContent();
    expect(known).toMatch(/incorrect/i);
    // What was typed stays in the email field.
    expect(await page.getByLabel("Email").inputValue()).toBe("admin@demo.local");
    // Focus is on the password, selected, ready to be typed again.
    await expect.poll(() => page.evaluate(() => {
      const el = document.activeElement as HTMLInputElement | null;
      return el?.name === "password" && el.selectionStart === 0 && el.selectionEnd === el.value.length;
    })).toBe(true);

    await page.getByLabel("Email").fill("nobody@demo.local");
    const answered = page.waitForResponse((res) => res.url().includes("/api/auth/callback/credentials"));
    await page.getByRole("button", { name: "Sign in" }).click();
    await answered;
    await page.waitForFunction(() => !document.querySelector('button[aria-busy="true"]'));
    expect(await formAlert(page).textContent()).toBe(known);
    await context.close();
  });

  it("10 rapid failures lock further attempts for that email (429)", async () => {
    const context = await openContext(DESKTOP);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/login`);
    const statuses: number[] = [];
    page.on("response", (res) => {
      if (res.url().includes("/api/auth/callback/credentials")) statuses.push(res.status());
    });
    for (let i = 0; i < 11; i++) {
      // An address that has no account: the limit counts per email either way.
      await page.getByLabel("Email").fill("locked-out@demo.local");
      await page.getByLabel("Password").fill(`wrong-${i}`);
      const answered = page.waitForResponse((res) => res.url().includes("/api/auth/callback/credentials"));
      await page.getByRole("button", { name: "Sign in" }).click();
      await answered;
      await page.waitForFunction(() => !document.querySelector('button[aria-busy="true"]'));
    }
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(1);
    expect(await formAlert(page).textContent()).toMatch(/too many/i);
    await screenshot(page, "login-rate-limited");
    await context.close();
  });
});

describe("sign-out", () => {
  it("ends the session: dashboard pages go back to /login", async () => {
    const context = await openContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, baseUrl, "readonly@demo.local");
    await page.getByRole("button", { name: /account menu/i }).click();
    await page.getByRole("menuitem", { name: /sign out/i }).click();
    await page.waitForURL(/\/login/);
    await page.goto(`${baseUrl}/organisation/overview`);
    expect(new URL(page.url()).pathname).toBe("/login");
    await context.close();
  });
});

describe("sign-up", () => {
  it("creates an organisation whose admin sees only that organisation", async () => {
    const context = await openContext(DESKTOP);
    const page = await context.newPage();
    const stamp = Date.now();
    await page.goto(`${baseUrl}/signup`);
    await page.getByLabel("Organisation name").fill(`Fresh Org ${stamp}`);
    await page.getByLabel("Email").fill(`founder-${stamp}@fresh.test`);
    await page.getByLabel("Password").fill("a-long-enough-password");
    await page.getByRole("button", { name: "Create organisation" }).click();
    await page.waitForURL(/\/organisation\/overview$/, { timeout: 30_000 });
    await page.getByRole("heading", { level: 1, name: `Fresh Org ${stamp}` }).waitFor();
    await page.getByRole("status").getByText(`Organisation Fresh Org ${stamp} created.`).waitFor();
    // Signed in, /signup says who this browser is and offers the way back.
    await page.goto(`${baseUrl}/signup`);
    await page.getByText(`You are signed in as founder-${stamp}@fresh.test`).waitFor();
    await expect(page.getByRole("link", { name: `Back to Fresh Org ${stamp}` }).count()).resolves.toBe(1);
    await page.goto(`${baseUrl}/streams`);
    const body = await page.locator("main").textContent();
    expect(body).not.toContain("Main Stage");
    expect(await page.content()).not.toContain("Demo Streaming Co");
    await screenshot(page, "signup-new-organisation");
    await context.close();
  });
});
