// Debian's Chromium driven by playwright-core (never a browser download).
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { DEMO_PASSWORD } from "./http";

export const DESKTOP = { width: 1280, height: 800 };
export const MOBILE = { width: 390, height: 844 };
export { DEMO_PASSWORD };

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
}

export async function newContext(browser: Browser, viewport: { width: number; height: number }): Promise<BrowserContext> {
  return browser.newContext({ viewport, isMobile: viewport.width < 500, hasTouch: viewport.width < 500 });
}

/**
 * One Chromium for a test file, launched before its tests and closed after them. Call at the top
 * level: `const openContext = sharedBrowser();`, then `await openContext(DESKTOP)` in a test.
 */
export function sharedBrowser(): (viewport: { width: number; height: number }) => Promise<BrowserContext> {
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
  });
  return (viewport) => {
    if (!browser) throw new Error("No browser: call sharedBrowser() at the top level of the test file.");
    return newContext(browser, viewport);
  };
}

export async function signIn(page: Page, baseUrl: string, email: string, password = DEMO_PASSWORD) {
  await page.goto(`${baseUrl}/login`);
  await page.getByLabel("Email").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL((url) => !url.pathname.startsWith("/login"), { timeout: 30_000 });
}

const SHOTS = path.resolve("tests/artifacts/screenshots");

export async function screenshot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}
