// Streams in the browser at desktop and phone width: an admin creates a stream, then renames it,
// changes its tags and deletes it from the streams table (one dialog island for the table; each
// row's buttons name their stream). Uses only the stream it creates.
import { describe, expect, inject, it } from "vitest";
import type { Page } from "playwright-core";
import { DESKTOP, MOBILE, screenshot, sharedBrowser, signIn } from "./support/browser";

const baseUrl = inject("baseUrl");
const openContext = sharedBrowser();

const row = (page: Page, name: string) => page.locator("tr", { has: page.getByRole("link", { name, exact: true }) });

describe.each([
  ["desktop", DESKTOP],
  ["mobile", MOBILE],
] as const)("streams at %s width", (label, viewport) => {
  it("create → rename, tag and delete from the table", async () => {
    const context = await openContext(viewport);
    const page = await context.newPage();
    await signIn(page, baseUrl, "admin@demo.local");
    const name = `E2E stream ${label} ${Date.now()}`;
    const renamed = `${name} renamed`;

    // Create: the new stream's page opens.
    await page.goto(`${baseUrl}/streams`);
    await page.getByRole("button", { name: "New stream" }).first().click();
    const create = page.getByRole("dialog", { name: "New stream" });
    await create.getByLabel("Name").fill(name);
    await create.getByLabel(/Renditions/).fill("720p, 360p");
    await create.getByRole("button", { name: "Create stream" }).click();
    await page.waitForURL(/\/streams\/grp_[^/]+$/);
    await page.getByRole("heading", { name }).waitFor();

    // Rename from the table: the dialog starts from the current name.
    await page.goto(`${baseUrl}/streams`);
    await page.getByRole("button", { name: `Rename ${name}` }).click();
    const rename = page.getByRole("dialog", { name: `Rename ${name}` });
    const nameField = rename.getByLabel("Name");
    expect(await nameField.inputValue()).toBe(name);
    await nameField.fill(renamed);
    await rename.getByRole("button", { name: "Save name" }).click();
    await rename.waitFor({ state: "hidden" });
    await row(page, renamed).waitFor();

    // Tags: a bad tag is refused next to the field and what was typed stays; a good one is saved.
    await page.getByRole("button", { name: `Edit tags of ${renamed}` }).click();
    const tags = page.getByRole("dialog", { name: `Tags of ${renamed}` });
    await tags.getByLabel("Tags").fill("Bad Tag!");
    await tags.getByRole("button", { name: "Save tags" }).click();
    await tags.getByText('"bad tag!" is not a valid tag: use only a–z, 0–9, - and _.').first().waitFor();
    expect(await tags.getByLabel("Tags").inputValue()).toBe("Bad Tag!");
    await tags.getByLabel("Tags").fill(`e2e-${label}`);
    await screenshot(page, `streams-tags-dialog-${label}`);
    await tags.getByRole("button", { name: "Save tags" }).click();
    await tags.waitFor({ state: "hidden" });
    await row(page, renamed).getByText(`e2e-${label}`).waitFor();

    // Delete: the confirmation names the stream; Cancel keeps it, and focus returns to its button.
    const deleteButton = page.getByRole("button", { name: `Delete stream ${renamed}` });
    await deleteButton.click();
    const confirm = page.getByRole("dialog", { name: `Delete stream ${renamed}?` });
    await confirm.getByRole("button", { name: "Cancel" }).click();
    await confirm.waitFor({ state: "hidden" });
    expect(await deleteButton.evaluate((el) => el === document.activeElement)).toBe(true);
    await deleteButton.click();
    // Deleting cannot be undone: the confirm button waits for the stream's name typed; the trigger is quiet, only it is red.
    expect(await deleteButton.getAttribute("class")).toContain("btn-danger-outline");
    const confirmButton = confirm.getByRole("button", { name: "Delete stream", exact: true });
    expect(await confirmButton.isDisabled()).toBe(true);
    await confirm.getByLabel(`Type ${renamed} to confirm`).fill(renamed);
    await screenshot(page, `stream-delete-typed-${label}`);
    await confirmButton.click();
    await page.getByText(`Stream "${renamed}" deleted.`).first().waitFor();
    await expect.poll(() => row(page, renamed).count()).toBe(0);
    // Its button went with it: focus moved to a neighbour's Delete (or the table), not the page's body.
    await expect.poll(() => page.evaluate(() => !!document.activeElement && document.activeElement !== document.body)).toBe(true);

    expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
    await context.close();
  });
});
