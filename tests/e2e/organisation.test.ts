// The organisation overview in a browser: full-page screenshots as admin and readonly at desktop
// and phone width; readonly sees no master key and no edit controls; an admin rotates the master
// key, sees the new key once, and the API refuses the old key at once. Key rotation happens in a
// fresh organisation made through /signup, so the demo organisation's key (used by other files)
// stays valid.
import { readFileSync } from "node:fs";
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { DESKTOP, MOBILE, screenshot, sharedBrowser, signIn } from "./support/browser";

const baseUrl = inject("baseUrl");
const openContext = sharedBrowser();

const me = (headers: Record<string, string>) => fetch(`${baseUrl}/api/v1/me`, { headers }).then((r) => r.status);

async function noHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

describe.each([
  ["desktop", DESKTOP],
  ["mobile", MOBILE],
] as const)("overview at %s width", (label, viewport) => {
  it("admin sees every section, the master key masked and the edit controls", async () => {
    const context = await openContext(viewport);
    const page = await context.newPage();
    await signIn(page, baseUrl, "admin@demo.local");
    const res = await page.goto(`${baseUrl}/organisation/overview`);
    expect(res?.headers()["cache-control"]).toContain("no-store");
    await expect(page.getByRole("heading", { level: 1, name: "Demo Streaming Co" }).isVisible()).resolves.toBe(true);
    for (const name of ["Enabled packages", "API access", "Webhook config", "VOD public accessibility", "Tags", "Recent activity"]) {
      await expect(page.getByRole("heading", { name, exact: true }).count()).resolves.toBe(1);
    }
    // Scoped to API access: Recent activity names API-key actors by the same masked form.
    await expect(page.getByRole("region", { name: "API access" }).getByText(/pg_live_.{4}….{4}/).count()).resolves.toBe(1);
    await expect(page.getByRole("button", { name: "Rotate master key" }).count()).resolves.toBe(1);
    await expect(page.getByRole("button", { name: "Save webhook" }).count()).resolves.toBe(1);
    await expect(page.getByRole("switch", { name: "Public VOD list" }).count()).resolves.toBe(1);
    await expect(page.getByRole("link", { name: "User Management" }).count()).resolves.toBeGreaterThan(0);
    await noHorizontalScroll(page);
    await screenshot(page, `organisation-overview-admin-${label}`);
    await context.close();
  });

  it("readonly sees no master key, no User Management tab and no edit controls, but their own session token", async () => {
    const context = await openContext(viewport);
    const page = await context.newPage();
    await signIn(page, baseUrl, "readonly@demo.local");
    await page.goto(`${baseUrl}/organisation/overview`);
    await page.getByRole("heading", { name: "API access" }).waitFor();
    const html = await page.content();
    expect(html).not.toMatch(/pg_live_/);
    expect(html).not.toContain("Master API key");
    await expect(page.getByLabel("Your session API token", { exact: true }).count()).resolves.toBe(1);
    await expect(page.getByRole("button", { name: /rotate/i }).count()).resolves.toBe(0);
    await expect(page.getByRole("button", { name: /save webhook|send test event|redeliver/i }).count()).resolves.toBe(0);
    await expect(page.getByRole("switch").count()).resolves.toBe(0);
    await expect(page.getByRole("navigation", { name: "Organisation sections" }).getByRole("link", { name: "User Management" }).count()).resolves.toBe(0);
    await noHorizontalScroll(page);
    await screenshot(page, `organisation-overview-readonly-${label}`);
    // A page the role may not open is said in the dashboard's own frame, so the way on is the usual navigation.
    await page.goto(`${baseUrl}/organisation/users`);
    await page.getByRole("heading", { level: 1, name: "Not permitted" }).waitFor();
    await expect(page.getByRole("link", { name: "Playgate", exact: true }).count()).resolves.toBe(1);
    await expect(page.locator("main").count()).resolves.toBe(1);
    await context.close();
  });
});

describe("master key rotation", () => {
  async function rotate(page: Page): Promise<string> {
    await page.getByRole("button", { name: "Rotate master key" }).click();
    const confirm = page.getByRole("dialog", { name: /rotate the master api key\?/i });
    await confirm.getByText(/stops working at once/i).waitFor();
    // A master key rotation is typed to confirm: the organisation's name (the page's heading).
    const orgName = (await page.getByRole("heading", { level: 1 }).textContent())!.trim();
    expect(await confirm.getByRole("button", { name: "Rotate", exact: true }).isDisabled()).toBe(true);
    await confirm.getByLabel(`Type ${orgName} to confirm`).fill(orgName);
    await confirm.getByRole("button", { name: "Rotate", exact: true }).click();
    const shown = page.getByRole("dialog", { name: "New master API key" });
    await shown.waitFor();
    await shown.getByText(/only time it is shown/i).waitFor();
    const key = await shown.getByLabel("Master API key", { exact: true }).inputValue();
    expect(key).toMatch(/^pg_live_/);
    await screenshot(page, "organisation-master-key-shown-once");
    await shown.getByRole("button", { name: "I have stored it" }).click();
    await shown.waitFor({ state: "hidden" });
    return key;
  }

  it("a signed-up organisation has no key until its admin creates one, shown once; a rotation's previous key gets 401 from /api/v1/me at once", async () => {
    const context = await openContext(DESKTOP);
    const page = await context.newPage();
    const email = `e2e-org-${Date.now()}@example.test`;
    await page.goto(`${baseUrl}/signup`);
    await page.getByLabel("Organisation name").fill(`E2E Keys ${Date.now()}`);
    await page.getByLabel("Email").fill(email);
    await page.getByLabel("Password", { exact: true }).fill("e2e-long-password-1");
    await page.getByRole("button", { name: /create/i }).click();
    await page.waitForURL(/\/organisation\/overview$/, { timeout: 30_000 });

    // Sign-up shows no key, so it makes none: the admin creates the first one here, without a
    // confirmation (nothing is replaced), and sees it once.
    await page.getByText("No master API key yet").waitFor();
    // A click before hydration would do nothing (the button is a client island).
    await page.waitForLoadState("networkidle");
    // On a phone, too: the key shown once can be read whole, not cut off in a one-line box.
    await page.setViewportSize(MOBILE);
    await page.getByRole("button", { name: "Create master key" }).click();
    const created = page.getByRole("dialog", { name: "New master API key" });
    await created.getByText(/only time it is shown/i).waitFor();
    const box = created.getByLabel("Master API key", { exact: true });
    const first = await box.inputValue();
    expect(first).toMatch(/^pg_live_/);
    expect(await box.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    await screenshot(page, "organisation-master-key-created-mobile");
    await page.setViewportSize(DESKTOP);
    await created.getByRole("button", { name: "I have stored it" }).click();
    await created.waitFor({ state: "hidden" });
    await page.getByRole("button", { name: "Rotate master key" }).waitFor();
    expect(await me({ "x-api-key": first })).toBe(200);
    // Shown once: after a reload the page has only the masked form.
    await page.reload();
    expect(await page.content()).not.toContain(first);
    const second = await rotate(page);
    expect(second).not.toBe(first);
    expect(await me({ "x-api-key": first })).toBe(401);
    expect(await me({ "x-api-key": second })).toBe(200);
    await context.close();
  });
});

describe("webhook signing secret", () => {
  it("the first save shows the new secret once with a copy button (both widths); afterwards only its masked form, and the blocking webhook's save shows none; a delivery's details open", async () => {
    const context = await openContext(MOBILE);
    const page = await context.newPage();
    await page.goto(`${baseUrl}/signup`);
    await page.getByLabel("Organisation name").fill(`E2E Webhook ${Date.now()}`);
    await page.getByLabel("Email").fill(`e2e-webhook-${Date.now()}@example.test`);
    await page.getByLabel("Password", { exact: true }).fill("e2e-long-password-1");
    await page.getByRole("button", { name: /create/i }).click();
    await page.waitForURL(/\/organisation\/overview$/, { timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    await page.getByText("Created when you first save, and shown once then.").waitFor();

    await page.getByLabel("Endpoint URL").fill("https://hooks.example.com/playgate");
    await page.getByRole("button", { name: "Save webhook" }).click();
    const shown = page.getByRole("dialog", { name: "Webhook signing secret" });
    await shown.getByText(/only time it is shown/i).waitFor();
    const box = shown.getByLabel("Signing secret", { exact: true });
    const secret = await box.inputValue();
    expect(secret).toMatch(/^whsec_/);
    expect(await box.evaluate((el) => el.scrollWidth <= el.clientWidth && el.scrollHeight <= el.clientHeight + 1)).toBe(true);
    await expect(shown.getByRole("button", { name: /copy/i }).count()).resolves.toBe(1);
    await screenshot(page, "organisation-webhook-secret-shown-once-mobile");
    await page.setViewportSize(DESKTOP);
    await screenshot(page, "organisation-webhook-secret-shown-once-desktop");
    await shown.getByRole("button", { name: "I have stored it" }).click();
    await shown.waitFor({ state: "hidden" });
    await page.getByText("Webhook settings saved.").waitFor();
    const masked = `whsec_${secret.slice(6, 10)}…${secret.slice(-4)}`;
    await page.getByRole("region", { name: "Webhook config" }).getByText(masked).waitFor();

    // In use now: saving again, or saving the blocking webhook, shows no secret.
    await page.reload();
    expect(await page.content()).not.toContain(secret);
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Blocking webhook URL").fill("https://hooks.example.com/nanostream");
    await page.getByRole("button", { name: "Save blocking webhook" }).click();
    await page.getByText("Blocking webhook saved. The next play or publish consults it.").waitFor();
    await expect(page.getByRole("dialog", { name: "Webhook signing secret" }).count()).resolves.toBe(0);

    // Toasts keep out of the focused control's way: on a phone, a save button at the bottom of the
    // screen keeps focus and the toast goes to the top instead of covering it.
    await page.setViewportSize(MOBILE);
    await page.reload();
    await page.waitForLoadState("networkidle");
    const save = page.getByRole("button", { name: "Save blocking webhook" });
    await save.evaluate((el) => el.scrollIntoView({ block: "end" }));
    await save.click();
    const toast = page.locator("[data-toast-id]").filter({ hasText: "Blocking webhook saved." });
    await toast.waitFor();
    await expect.poll(() => page.locator("[data-toast-stack]").getAttribute("data-toast-stack")).toBe("top");
    const [button, shownAt] = [await save.boundingBox(), await toast.boundingBox()];
    const overlaps = button!.y < shownAt!.y + shownAt!.height && shownAt!.y < button!.y + button!.height;
    expect(overlaps, `toast ${JSON.stringify(shownAt)} over button ${JSON.stringify(button)}`).toBe(false);
    expect(await save.evaluate((el) => el === document.activeElement)).toBe(true);
    await screenshot(page, "toast-out-of-the-way-mobile");

    // The delivery log opens each delivery: its payload and every attempt's answer.
    await page.setViewportSize(DESKTOP);
    await page.getByRole("button", { name: "Send test event" }).click();
    await page.getByText(/Test event queued/).first().waitFor();
    const details = page.getByRole("link", { name: "Details of the webhook.test delivery" });
    await expect.poll(async () => (await page.reload(), details.count()), { timeout: 20_000 }).toBeGreaterThan(0);
    await details.first().click();
    await page.getByRole("heading", { level: 1, name: /Delivery of webhook\.test/ }).waitFor();
    expect(await page.getByLabel("Payload").textContent()).toContain('"type": "webhook.test"');
    await expect.poll(async () => (await page.reload(), page.getByRole("heading", { name: /^Attempt 1 · / }).count()), { timeout: 20_000 }).toBe(1);
    await screenshot(page, "webhook-delivery-details-desktop");
    await page.setViewportSize(MOBILE);
    await noHorizontalScroll(page);
    await screenshot(page, "webhook-delivery-details-mobile");
    await context.close();
  });
});

describe("navigation feedback", () => {
  it("a slow page load shows a loading status on the link that was followed, then the page", async () => {
    const context = await openContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, baseUrl, "readonly@demo.local");
    await page.goto(`${baseUrl}/streams`, { waitUntil: "networkidle" });
    // Hold the next page's payload so the pending state lasts long enough to see.
    await page.route(/_rsc=/, async (route) => {
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      await route.continue();
    });
    const link = page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Secure token" });
    await link.click();
    await expect(link.getByRole("status").filter({ hasText: "Loading…" }).waitFor({ timeout: 1_000 })).resolves.toBeUndefined();
    await page.waitForURL(/\/secure\/token$/);
    await expect(page.getByRole("heading", { level: 1, name: "Secure playback token" }).isVisible()).resolves.toBe(true);
    await expect(link.getByRole("status").count()).resolves.toBe(0);
    await context.close();
  });
});

describe("player key", () => {
  it("rotating it changes the player snippets on Playout and Stream Instructions", async () => {
    const context = await openContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, baseUrl, "admin@demo.local");
    await page.goto(`${baseUrl}/streams`);
    const streamPath = await page.locator("a[href^='/streams/grp_']").first().getAttribute("href");
    const streamId = streamPath!.split("/").pop()!;
    const snippets = async () => {
      await page.goto(`${baseUrl}/playout/${streamId}`);
      const playout = await page.getByRole("textbox", { name: "Configuration (JSON)" }).inputValue();
      await page.goto(`${baseUrl}/streams/${streamId}/instructions`);
      const instructions = await page.getByRole("textbox", { name: "Embed snippet" }).inputValue();
      return `${playout}\n${instructions}`;
    };

    await page.goto(`${baseUrl}/organisation/overview`);
    const before = await page.getByRole("textbox", { name: "Player key", exact: true }).inputValue();
    expect(before).toMatch(/^pg_pk_/);
    const old = await snippets();
    expect(old.split(before).length - 1).toBeGreaterThanOrEqual(2);

    await page.goto(`${baseUrl}/organisation/overview`);
    await page.waitForLoadState("networkidle");
    await page.getByRole("button", { name: "Rotate player key" }).click();
    await page.getByRole("dialog", { name: /rotate the player key\?/i }).getByRole("button", { name: "Rotate", exact: true }).click();
    const keyField = page.getByRole("textbox", { name: "Player key", exact: true });
    await expect.poll(() => keyField.inputValue(), { timeout: 20_000 }).not.toBe(before);
    const after = await keyField.inputValue();

    const fresh = await snippets();
    expect(fresh).not.toContain(before);
    expect(fresh.split(after).length - 1).toBeGreaterThanOrEqual(2);
    await context.close();
  });
});

describe("audit log filters", () => {
  it("a To day before the From day is said next to To, with both days kept, instead of 'nothing matches'", async () => {
    const context = await openContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, baseUrl, "admin@demo.local");
    await page.goto(`${baseUrl}/organisation/audit?from=2026-11-22&to=2026-11-01`);
    const to = page.getByLabel("To (UTC)");
    await expect(to.getAttribute("aria-invalid")).resolves.toBe("true");
    await page.getByText("To is before From (2026-11-22): choose a later day, or swap them.").waitFor();
    expect([await page.getByLabel("From (UTC)").inputValue(), await to.inputValue()]).toEqual(["2026-11-22", "2026-11-01"]);
    await context.close();
  });
});

describe("audit log export", () => {
  it("Download CSV carries the page's filters and downloads that part of the log as a CSV file", async () => {
    const context = await openContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, baseUrl, "admin@demo.local");
    await page.goto(`${baseUrl}/organisation/audit?action=token.created`);
    const link = page.getByRole("link", { name: "Download CSV" });
    expect(await link.getAttribute("href")).toBe("/organisation/audit/export?action=token.created");
    const [download] = await Promise.all([page.waitForEvent("download"), link.click()]);
    expect(download.suggestedFilename()).toMatch(/^playgate-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const text = readFileSync((await download.path())!, "utf8");
    const lines = text.trim().split("\r\n");
    expect(lines[0]).toBe("createdAt (UTC),actorEmail,actorKind,actorDeleted,action,result,targetType,targetId,targetLabel,details");
    expect(lines.length).toBeGreaterThan(1);
    expect(lines.slice(1).every((line) => line.includes(",token.created,"))).toBe(true);
    await context.close();
  });

  it("is refused to a role that may not read the log, and sends the signed-out to sign in", async () => {
    const context = await openContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, baseUrl, "user@demo.local");
    const res = await page.request.get(`${baseUrl}/organisation/audit/export`, { maxRedirects: 0 });
    // The proxy shows the dashboard's "not permitted" page (the route refuses with 403 itself too).
    expect(res.headers()["content-type"]).not.toContain("text/csv");
    const body = await res.text();
    expect(body).not.toContain("token.created");
    expect(body).toMatch(/not permitted|permission/i);
    await context.close();
    const anonymous = await fetch(`${baseUrl}/organisation/audit/export`, { redirect: "manual" });
    expect(anonymous.status).toBe(307);
    expect(new URL(anonymous.headers.get("location") ?? "", baseUrl).pathname).toBe("/login");
  });
});

describe("addresses and files a console is expected to have", () => {
  it("/organisation, the address the seed links to, opens the Overview tab", async () => {
    const context = await openContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, baseUrl, "admin@demo.local");
    const res = await page.goto(`${baseUrl}/organisation`);
    expect(res?.status()).toBe(200);
    expect(new URL(page.url()).pathname).toBe("/organisation/overview");
    await expect(page.getByRole("navigation", { name: "Organisation sections" }).getByRole("link", { name: "User Management" }).count()).resolves.toBe(1);
    await context.close();
  });

  it("signed out, /organisation goes to sign-in like every dashboard page", async () => {
    const res = await fetch(`${baseUrl}/organisation`, { redirect: "manual" });
    expect(res.status).toBe(307);
    expect(new URL(res.headers.get("location") ?? "", baseUrl).pathname).toBe("/login");
  });

  it("on a page longer than the screen, the menu column runs its full height at 1280", async () => {
    const context = await openContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, baseUrl, "admin@demo.local");
    await page.goto(`${baseUrl}/organisation/overview`);
    const { pageHeight, columnBottom, screen } = await page.evaluate(() => {
      const column = document.querySelector("[data-testid=menu-column]")!.getBoundingClientRect();
      return { pageHeight: document.documentElement.scrollHeight, columnBottom: column.bottom + window.scrollY, screen: window.innerHeight };
    });
    expect(pageHeight, "the overview is longer than one screen").toBeGreaterThan(screen * 1.5);
    expect(columnBottom).toBeGreaterThanOrEqual(pageHeight - 1);
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link").first().isVisible()).resolves.toBe(true);
    await screenshot(page, "menu-column-scrolled-desktop");
    await context.close();
  });

  it("after following a menu link, focus is on the new page's heading, not left on the menu", async () => {
    const context = await openContext(DESKTOP);
    const page = await context.newPage();
    await signIn(page, baseUrl, "admin@demo.local");
    await page.goto(`${baseUrl}/streams`);
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Organisation" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/organisation\/overview$/);
    await page.waitForFunction(() => document.activeElement?.tagName === "H1");
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("Demo Streaming Co");
    // The tabs are links that stay on the page too.
    await page.getByRole("navigation", { name: "Organisation sections" }).getByRole("link", { name: "User Management" }).focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(/\/organisation\/users$/);
    await page.waitForFunction(() => document.activeElement?.tagName === "H1");
    await context.close();
  });

  it("robots.txt keeps search engines out, the pages say noindex, and the web manifest names the app", async () => {
    const robots = await fetch(`${baseUrl}/robots.txt`);
    expect(robots.status).toBe(200);
    expect(await robots.text()).toMatch(/^User-agent: \*\nDisallow: \/$/m);
    const login = await (await fetch(`${baseUrl}/login`)).text();
    expect(login).toMatch(/<meta name="robots" content="noindex, nofollow"/);
    expect(login).toContain('rel="manifest" href="/manifest.webmanifest"');
    const manifest = await fetch(`${baseUrl}/manifest.webmanifest`);
    expect(manifest.status).toBe(200);
    expect(await manifest.json()).toMatchObject({ name: "Playgate", icons: [{ src: "/icon.svg" }] });
    expect((await fetch(`${baseUrl}/icon.svg`)).status).toBe(200);
  });
});
