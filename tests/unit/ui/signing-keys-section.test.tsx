// @vitest-environment jsdom
// The Signing keys section: which key signs, and revoking names the kid and its consequence; one
// confirmation for the table, and focus moves to the next key's Revoke when a key is revoked.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import "./setup";
import { ToastProvider } from "@/components/ui/toast";
import type { SigningKeyView } from "@/components/tokens/signing-keys-section";

const revoke = vi.fn(async (_prev: unknown, fd: FormData) => ({ ok: true as const, message: `Key ${fd.get("kid")} revoked.` }));
const rotate = vi.fn(async () => ({ ok: false as const, code: "forbidden" as const, message: "You do not have permission to do this." }));
const count = async () => ({ ok: true as const, data: { count: 3 } });
// The server actions (props from the page) reach the database; the component's wiring is under test.
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: () => undefined }) }));

const { SigningKeysSection } = await import("@/components/tokens/signing-keys-section");

const keys = [
  { kid: "pgk_new", status: "active" as const, createdAt: "2026-11-22T10:00:00Z", publishUntil: null, revokedAt: null },
  { kid: "pgk_old", status: "retiring" as const, createdAt: "2026-10-01T10:00:00Z", publishUntil: "2026-12-01T08:30:00Z", revokedAt: null },
  { kid: "pgk_dead", status: "revoked" as const, createdAt: "2026-09-01T10:00:00Z", publishUntil: null, revokedAt: "2026-09-02T10:00:00Z" },
];

describe("SigningKeysSection", () => {
  it("lists keys with status and UTC dates, and offers revoke only for live keys", () => {
    render(<ToastProvider><SigningKeysSection keys={keys} rotateAction={rotate} revokeAction={revoke} countAction={count} /></ToastProvider>);
    expect(screen.getByRole("heading", { name: "Signing keys" })).toBeTruthy();
    expect(screen.getByText("Active: signs new tokens")).toBeTruthy();
    expect(screen.getByText("Retiring")).toBeTruthy();
    expect(screen.getByText(/2026-12-01 08:30 UTC/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Revoke signing key pgk_old" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Revoke signing key pgk_dead" })).toBeNull();
  });

  it("revokes after a confirmation that names the kid and warns its tokens stop working", async () => {
    render(<ToastProvider><SigningKeysSection keys={keys} rotateAction={rotate} revokeAction={revoke} countAction={count} /></ToastProvider>);
    fireEvent.click(screen.getByRole("button", { name: "Revoke signing key pgk_old" }));
    const dialog = screen.getByRole("dialog", { name: "Revoke signing key pgk_old?" });
    expect(dialog.textContent).toMatch(/Every token this key signed stops working/);
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke key" }));
    await waitFor(() => expect(revoke).toHaveBeenCalledTimes(1));
    expect(revoke.mock.calls[0][1].get("kid")).toBe("pgk_old");
    await waitFor(() => expect(screen.getByText("Key pgk_old revoked.")).toBeTruthy());
  });

  it("after a revoke removes the key's Revoke, focus moves to the next key's Revoke, not the page heading", async () => {
    const more: SigningKeyView[] = [keys[0], keys[1], { kid: "pgk_older", status: "retiring", createdAt: "2026-09-15T10:00:00Z", publishUntil: "2026-11-30T08:30:00Z", revokedAt: null }];
    const page = (list: SigningKeyView[]) => <ToastProvider><h1 tabIndex={-1}>Secure playback token</h1><SigningKeysSection keys={list} rotateAction={rotate} revokeAction={revoke} countAction={count} /></ToastProvider>;
    const { rerender } = render(page(more));
    // Only the rotate confirmation exists before a Revoke is pressed: rows carry no dialog of their own.
    expect(document.querySelectorAll("dialog")).toHaveLength(1);
    fireEvent.click(screen.getByRole("button", { name: "Revoke signing key pgk_old" }));
    const dialog = screen.getByRole("dialog", { name: "Revoke signing key pgk_old?" });
    await waitFor(() => expect(dialog.textContent).toContain("This revokes 3 tokens it signed that are not revoked yet."));
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke key" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    // The action's response carries the page again: the key is revoked and its row has no Revoke.
    rerender(page(more.map((k) => (k.kid === "pgk_old" ? { ...k, status: "revoked" as const, publishUntil: null, revokedAt: "2026-11-23T10:00:00Z" } : k))));
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "Revoke signing key pgk_older" })));
  });

  it("keeps the rotate dialog open with the reason when the action is refused", async () => {
    render(<ToastProvider><SigningKeysSection keys={keys} rotateAction={rotate} revokeAction={revoke} countAction={count} /></ToastProvider>);
    fireEvent.click(screen.getByRole("button", { name: "Rotate signing key" }));
    const dialog = screen.getByRole("dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Rotate key" }));
    await waitFor(() => expect(within(dialog).getByText("You do not have permission to do this.")).toBeTruthy());
  });
});
