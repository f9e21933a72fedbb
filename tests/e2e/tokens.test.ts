// Secure playback tokens in the browser at desktop and phone width: create on /secure/token and
// copy the snippet from the overview; create from the inline dialog on Stream Overview, Stream
// Instructions and Playout; revoke in the UI; the authorize endpoint then answers "revoked".
import { spawnSync } from "node:child_process";
import { describe, expect, inject, it } from "vitest";
import type { BrowserContext, Page } from "playwright-core";
import { DESKTOP, MOBILE, screenshot, sharedBrowser, signIn } from "./support/browser";

const baseUrl = inject("baseUrl");
const openContext = sharedBrowser();

async function userPage(viewport: { width: number; height: number }): Promise<{ context: BrowserContext; page: Page }> {
  const context = await openContext(viewport);
  await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: baseUrl });
  const page = await context.newPage();
  await signIn(page, baseUrl, "user@demo.local");
  return { context, page };
}

const jwtIn = (snippet: string) => /jwtoken: "([^"]+)"/.exec(snippet)?.[1] ?? "";

async function noHorizontalScroll(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

/** Opens Main Stage's overview from the streams list; returns its stream id (the groupid). */
async function openMainStage(page: Page): Promise<string> {
  await page.goto(`${baseUrl}/streams`);
  await page.getByRole("link", { name: "Main Stage" }).first().click();
  await page.waitForURL(/\/streams\/grp_[^/]+$/);
  return new URL(page.url()).pathname.split("/").pop()!;
}

/** Creates a token through the inline dialog with its defaults (this stream's group). */
async function createInDialog(page: Page, tag: string): Promise<{ token: string; dialog: ReturnType<Page["getByRole"]> }> {
  await page.getByRole("button", { name: "Create playback token" }).click();
  const dialog = page.getByRole("dialog");
  await dialog.getByText("can be reused").waitFor();
  await dialog.getByRole("textbox", { name: /^Tag/ }).fill(tag);
  await dialog.getByRole("button", { name: "Create new token" }).click();
  await dialog.getByText("Token created").waitFor({ timeout: 20_000 });
  const token = jwtIn(await dialog.getByRole("textbox", { name: "Security config" }).inputValue());
  expect(token.split(".")).toHaveLength(3);
  return { token, dialog };
}

describe.each([
  ["desktop", DESKTOP],
  ["mobile", MOBILE],
] as const)("secure playback tokens at %s width", (label, viewport) => {
  it("creates a token on /secure/token, shows its snippet on the overview and copies it", async () => {
    const { context, page } = await userPage(viewport);
    await page.goto(`${baseUrl}/secure/token`);
    const form = page.getByRole("region", { name: "Create a token" });
    await form.getByText("Whole organisation").click();
    await form.getByRole("textbox", { name: /^Tag/ }).fill(`e2e-page-${label}`);
    // Expiry is 24-hour UTC text, filled in with two weeks from now, its hint true to that.
    const expiry = form.getByRole("textbox", { name: "Expiration (UTC, 24-hour)" });
    const twoWeeks = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    expect(await expiry.inputValue()).toMatch(new RegExp(`^${twoWeeks} \\d{2}:\\d{2}$`));
    await form.getByText("Filled in with 2 weeks from now; at most 365 days ahead.").waitFor();
    await expiry.fill(`${twoWeeks} 23:45`);
    await form.getByRole("button", { name: "Create new token" }).click();
    await page.waitForURL(/\/secure\/token\/[^/]+$/, { timeout: 20_000 });
    await page.getByText(`${twoWeeks} 23:45 UTC`).first().waitFor();
    // The page says what happened, and the pressed button's focus moved to its heading, not to <body>.
    await page.getByRole("status").getByText("Token created. Copy its security config below.").waitFor();
    await expect.poll(() => page.evaluate(() => document.activeElement?.tagName)).toBe("H1");

    const snippet = await page.getByRole("textbox", { name: "Security config" }).inputValue();
    expect(snippet).toMatch(/^security: \{\n {2}jwtoken: "[\w-]+\.[\w-]+\.[\w-]+"\n\}$/);
    // The decoded token: header and payload as signed.
    const decoded = await page.getByRole("region", { name: "Decoded token" }).textContent();
    expect(decoded).toContain('"alg": "ES256"');
    expect(decoded).toContain('"typ": "playback+jwt"');
    expect(decoded).toContain('"orgawide": true');
    expect(decoded).toContain(`"tag": "e2e-page-${label}"`);
    await expect(page.getByText("Whole organisation").first().isVisible()).resolves.toBe(true);
    await page.getByRole("button", { name: "Copy Security config" }).click();
    await page.getByRole("button", { name: "Copy Security config" }).getByText("Copied").waitFor();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
    await noHorizontalScroll(page);
    await screenshot(page, `token-overview-${label}`);
    await context.close();
  });

  it("Test this token names every reason it would be refused: a wrong IP and a wrong origin both", async () => {
    const minted = await fetch(`${baseUrl}/api/v1/secure/token`, {
      method: "POST",
      headers: { "X-API-Key": inject("masterKey"), "Content-Type": "application/json" },
      body: JSON.stringify({ orgawide: true, ip: "203.0.113.0/24", domain: "player.example.com", tag: `e2e-reasons-${label}` }),
    });
    expect(minted.status).toBe(201);
    const { id } = (await minted.json()) as { id: string };
    const { context, page } = await userPage(viewport);
    await page.goto(`${baseUrl}/secure/token/${id}`);
    await page.waitForLoadState("networkidle");
    await page.getByLabel("Stream name").fill("mainstage-hd001");
    await page.getByLabel("Client IP").fill("198.51.100.1");
    await page.getByLabel("Origin").fill("https://evil.example.net");
    await page.getByRole("button", { name: "Test this token" }).click();
    const denied = page.getByText("Denied, for 2 reasons");
    await denied.waitFor();
    await page.getByText("This token only plays from 203.0.113.0/24; 198.51.100.1 is outside it.").waitFor();
    await page.getByText("This token only plays on pages at player.example.com, not at evil.example.net.").waitFor();
    await expect(page.locator("code", { hasText: /^ip_not_allowed$/ }).count()).resolves.toBe(1);
    await expect(page.locator("code", { hasText: /^domain_not_allowed$/ }).count()).resolves.toBe(1);
    await denied.scrollIntoViewIfNeeded();
    await noHorizontalScroll(page);
    await screenshot(page, `token-test-every-reason-${label}`);
    await context.close();
  });

  it("creates tokens from the inline dialog on Stream Overview, Instructions and Playout, then revokes one in the UI", async () => {
    const { context, page } = await userPage(viewport);
    const groupId = await openMainStage(page);
    const tokens: string[] = [];
    for (const [name, path] of [["overview", `/streams/${groupId}`], ["instructions", `/streams/${groupId}/instructions`], ["playout", `/playout/${groupId}`]] as const) {
      await page.goto(`${baseUrl}${path}`);
      const { token, dialog } = await createInDialog(page, `e2e-${name}-${label}`);
      tokens.push(token);
      await screenshot(page, `token-dialog-${name}-${label}`);
      if (name !== "playout") await dialog.getByRole("button", { name: "Done" }).click();
      else await dialog.getByRole("link", { name: "Open the token overview" }).click();
    }
    // The last token's overview: it targets this stream's group, named by the stream, its id in
    // small print; the registry names it so too. Revoke it.
    await page.waitForURL(/\/secure\/token\/[^/]+$/);
    const overview = page.url();
    await page.getByText(`Stream Main Stage (${groupId})`).first().waitFor();
    await page.getByRole("link", { name: "Main Stage" }).first().waitFor();
    await page.goto(`${baseUrl}/secure/token?tag=e2e-playout-${label}`);
    const row = page.getByRole("row").filter({ hasText: `e2e-playout-${label}` });
    await row.first().getByText("Main Stage").first().waitFor();
    await expect(row.first().getByText("Stream group").count()).resolves.toBe(0);
    await screenshot(page, `token-registry-by-stream-name-${label}`);
    await page.goto(overview);
    await page.getByRole("button", { name: /^Revoke the token issued / }).click();
    await page.getByRole("dialog").getByRole("button", { name: "Revoke token" }).click();
    await page.getByText("This token is revoked").waitFor({ timeout: 20_000 });
    // The Revoke button went with the token's active state: focus is on the page's heading, not <body>.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe("Playback token");
    await noHorizontalScroll(page);
    await screenshot(page, `token-revoked-${label}`);

    const ask = (token: string) =>
      fetch(`${baseUrl}/api/v1/playback/authorize`, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token, stream: "mainstage-hd001" }) });
    const revoked = await ask(tokens[2]);
    expect(revoked.status).toBe(403);
    expect(await revoked.json()).toMatchObject({ allowed: false, reason: "revoked" });
    const stillGood = await ask(tokens[0]);
    expect(stillGood.status).toBe(200);
    await context.close();
  });

  it("a readonly user reads Stream Instructions' tokens and is not pointed at a create button they do not have", async () => {
    const context = await openContext(viewport);
    const page = await context.newPage();
    await signIn(page, baseUrl, "readonly@demo.local");
    const groupId = await openMainStage(page);
    await page.goto(`${baseUrl}/streams/${groupId}/instructions`);
    const section = page.getByRole("region", { name: "Playback tokens for this stream" });
    await section.getByRole("link", { name: /^Issued / }).first().waitFor();
    expect(await page.getByRole("button", { name: "Create playback token" }).count()).toBe(0);
    expect(await page.getByText("with the button at the top of this page").count()).toBe(0);
    await page.getByText("ask a user or admin of your organisation to create one").waitFor();
    await noHorizontalScroll(page);
    await context.close();
  });

  it("Stream Instructions lists the stream's active tokens, the new one at once, and links to every token of the group", async () => {
    const { context, page } = await userPage(viewport);
    const groupId = await openMainStage(page);
    await page.goto(`${baseUrl}/streams/${groupId}/instructions`);
    const tag = `e2e-listed-${label}-${Date.now()}`;
    const { dialog } = await createInDialog(page, tag);
    await dialog.getByRole("button", { name: "Done" }).click();
    const section = page.getByRole("region", { name: "Playback tokens for this stream" });
    await section.getByText(`Tag ${tag}`).waitFor({ timeout: 10_000 });
    await expect(section.getByText(/Expires \d{4}-\d{2}-\d{2} \d{2}:\d{2} UTC/).first().isVisible()).resolves.toBe(true);
    await noHorizontalScroll(page);
    await screenshot(page, `stream-instructions-tokens-${label}`);

    await section.getByRole("link", { name: "All tokens for this stream group" }).click();
    await page.waitForURL((url) => url.pathname === "/secure/token" && url.searchParams.get("group") === groupId);
    await page.getByText("Tokens for the stream group Main Stage").waitFor();
    // The link lands on the list, below the sticky header, not on the create form above it.
    await expect.poll(() => page.getByRole("heading", { name: "Issued tokens" }).evaluate((el) => {
      const top = el.getBoundingClientRect().top;
      return top >= 56 && top < window.innerHeight / 2;
    })).toBe(true);
    await page.getByText(tag).first().waitFor();
    // Only this group's tokens: no organisation-wide or stream-name token is listed.
    const targets = await page.getByRole("table").first().textContent();
    expect(targets).not.toContain("Whole organisation");
    await noHorizontalScroll(page);
    await context.close();
  });
});

describe("an organisation without the Secure Playback package", () => {
  it("/secure/token neither creates nor lists tokens, says how to get the package and links to the overview", async () => {
    const context = await openContext(MOBILE);
    const page = await context.newPage();
    const name = `E2E No Secure ${Date.now()}`;
    await page.goto(`${baseUrl}/signup`);
    await page.getByLabel("Organisation name").fill(name);
    await page.getByLabel("Email").fill(`e2e-nosecure-${Date.now()}@example.test`);
    await page.getByLabel("Password", { exact: true }).fill("e2e-long-password-1");
    await page.getByRole("button", { name: /create/i }).click();
    await page.waitForURL(/\/organisation\/overview$/, { timeout: 30_000 });
    // The operator switches the package off with the CLI, as the README says.
    const cli = spawnSync(process.execPath, ["scripts/run-built.mjs", "org", "package", "disable", name, "secure_playback"], { env: { ...process.env, ...inject("serverEnv") }, encoding: "utf8" });
    expect(cli.status, cli.stderr).toBe(0);

    await page.goto(`${baseUrl}/secure/token`);
    const notice = page.getByText("Secure Playback is not enabled for your organisation");
    await notice.waitFor();
    await expect(page.getByRole("heading", { name: "Create a token" }).count()).resolves.toBe(0);
    await expect(page.getByRole("heading", { name: "Issued tokens" }).count()).resolves.toBe(0);
    await expect(page.getByText(`npm run org -- package enable "${name}" secure_playback`).count()).resolves.toBe(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await screenshot(page, "secure-token-without-package-mobile");
    await page.getByRole("link", { name: "Organisation Overview" }).click();
    await page.waitForURL(/\/organisation\/overview$/);
    await page.getByRole("heading", { name: "Enabled packages" }).waitFor();
    await context.close();
  });
});
