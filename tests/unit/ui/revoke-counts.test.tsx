// @vitest-environment jsdom
// Bulk and signing-key revoke confirmations say how many tokens they will revoke, counted by the
// server when the dialog opens; a bulk revoke that matched nothing is a neutral note, not a success.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import "./setup";
import { ToastProvider } from "@/components/ui/toast";
import type { ActionState } from "@/lib/actions";

type Action = (prev: ActionState, input: FormData | Record<string, unknown>) => Promise<ActionState>;
const actions = vi.hoisted(() => ({
  revokeTokenAction: vi.fn<Action>(), revokeByTagAction: vi.fn<Action>(), revokeByUserAction: vi.fn<Action>(),
  countByTagAction: vi.fn<Action>(), countByUserAction: vi.fn<Action>(), countByKeyAction: vi.fn<Action>(),
}));
const keyActions = vi.hoisted(() => ({ revokeSigningKeyAction: vi.fn<Action>(), rotateSigningKeyAction: vi.fn<Action>() }));
const refresh = vi.hoisted(() => vi.fn());
// SigningKeysSection takes its actions as props (typed to what each answers).
const countByKey = actions.countByKeyAction as unknown as (prev: ActionState<{ count: number }>, input: Record<string, string>) => Promise<ActionState<{ count: number }>>;
// The server actions reach the database and the router belongs to Next: the dialogs' wiring is under test.
vi.mock("@/app/(dashboard)/secure/token/actions", () => actions);
vi.mock("@/app/(dashboard)/secure/token/signing-key-actions", () => keyActions);
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

const { BulkRevokeForms } = await import("@/app/(dashboard)/secure/token/revoke-controls");
const { SigningKeysSection } = await import("@/components/tokens/signing-keys-section");

function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

function openBulk(label: "Tag" | "UserID", value: string) {
  render(<ToastProvider><BulkRevokeForms /></ToastProvider>);
  fireEvent.change(screen.getByLabelText(`${label} to revoke`), { target: { value } });
  fireEvent.click(screen.getByRole("button", { name: label === "Tag" ? "Revoke by tag…" : "Revoke by UserID…" }));
  return screen.getByRole("dialog");
}

const toastOf = (text: string) => screen.getByText(text).parentElement!.className;

beforeEach(() => {
  for (const fn of [...Object.values(actions), ...Object.values(keyActions), refresh]) fn.mockReset();
});

describe("bulk revoke confirmation", () => {
  it("says Counting… while the server counts, then how many tokens with the tag it revokes", async () => {
    const count = deferred<ActionState>();
    actions.countByTagAction.mockReturnValue(count.promise);
    const dialog = openBulk("Tag", " live ");
    expect(dialog.textContent).toContain("Counting…");
    expect(actions.countByTagAction).toHaveBeenCalledWith(undefined, { tag: "live" });
    count.resolve({ ok: true, data: { count: 23 } });
    await waitFor(() => expect(within(dialog).getByRole("status").textContent).toBe('This revokes 23 tokens tagged "live" that are not revoked yet.'));
    expect(dialog.textContent).not.toContain("Counting…");
  });

  it("with nothing to revoke says so plainly, and the confirm button stays usable", async () => {
    actions.countByUserAction.mockResolvedValue({ ok: true, data: { count: 0 } });
    const dialog = openBulk("UserID", "nobody-xyz");
    await waitFor(() => expect(within(dialog).getByRole("status").textContent).toBe('No active token for UserID "nobody-xyz"; nothing would be revoked.'));
    expect(actions.countByUserAction).toHaveBeenCalledWith(undefined, { user: "nobody-xyz" });
    expect((within(dialog).getByRole("button", { name: "Revoke tokens" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("above 100 tokens the count is typed to confirm; the trigger is quiet and only the confirmation is red", async () => {
    actions.countByTagAction.mockResolvedValue({ ok: true, data: { count: 250 } });
    actions.revokeByTagAction.mockResolvedValue({ ok: true, message: "250 tokens revoked.", data: { count: 250 } });
    const dialog = openBulk("Tag", "live");
    expect(screen.getByRole("button", { name: "Revoke by tag…" }).className).toContain("btn-danger-outline");
    const confirm = within(dialog).getByRole("button", { name: "Revoke tokens" }) as HTMLButtonElement;
    expect(confirm.className).toMatch(/btn-danger(?!-)/);
    await waitFor(() => expect(within(dialog).getByLabelText("Type 250 to confirm")).toBeTruthy());
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText("Type 250 to confirm"), { target: { value: "25" } });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText("Type 250 to confirm"), { target: { value: "250" } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    await waitFor(() => expect(actions.revokeByTagAction).toHaveBeenCalledTimes(1));
  });

  it("100 tokens or fewer need no typing", async () => {
    actions.countByTagAction.mockResolvedValue({ ok: true, data: { count: 100 } });
    const dialog = openBulk("Tag", "live");
    await waitFor(() => expect(within(dialog).getByRole("status").textContent).toContain("100 tokens"));
    expect(within(dialog).queryByLabelText(/to confirm/)).toBeNull();
    expect((within(dialog).getByRole("button", { name: "Revoke tokens" }) as HTMLButtonElement).disabled).toBe(false);
  });

  it("says when the count could not be made", async () => {
    actions.countByTagAction.mockResolvedValue({ ok: false, code: "forbidden", message: "You do not have permission to do this." });
    const dialog = openBulk("Tag", "live");
    await waitFor(() => expect(within(dialog).getByRole("status").textContent).toBe("Could not count the tokens this affects. You do not have permission to do this."));
  });

  it("shows a revoke that matched nothing as a neutral note, one that revoked tokens as a success", async () => {
    actions.countByUserAction.mockResolvedValue({ ok: true, data: { count: 0 } });
    actions.revokeByUserAction.mockResolvedValue({ ok: true, message: 'No active token for UserID "nobody-xyz"; nothing was revoked.', data: { count: 0 } });
    const dialog = openBulk("UserID", "nobody-xyz");
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke tokens" }));
    await waitFor(() => expect(screen.getByText('No active token for UserID "nobody-xyz"; nothing was revoked.')).toBeTruthy());
    expect(toastOf('No active token for UserID "nobody-xyz"; nothing was revoked.')).toContain("bg-white");
    expect(toastOf('No active token for UserID "nobody-xyz"; nothing was revoked.')).not.toContain("emerald");
    // Counted once, when the dialog opened (not again as the field clears behind it).
    expect(actions.countByUserAction).toHaveBeenCalledTimes(1);

    actions.countByUserAction.mockResolvedValue({ ok: true, data: { count: 2 } });
    actions.revokeByUserAction.mockResolvedValue({ ok: true, message: '2 tokens for UserID "viewer-1" revoked.', data: { count: 2 } });
    fireEvent.change(screen.getByLabelText("UserID to revoke"), { target: { value: "viewer-1" } });
    fireEvent.click(screen.getByRole("button", { name: "Revoke by UserID…" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Revoke tokens" }));
    await waitFor(() => expect(screen.getByText('2 tokens for UserID "viewer-1" revoked.')).toBeTruthy());
    expect(toastOf('2 tokens for UserID "viewer-1" revoked.')).toContain("emerald");
  });
});

describe("signing key revoke confirmation", () => {
  const keys = [
    { kid: "pgk_new", status: "active" as const, createdAt: "2026-11-22T10:00:00Z", publishUntil: null, revokedAt: null },
    { kid: "pgk_old", status: "retiring" as const, createdAt: "2026-10-01T10:00:00Z", publishUntil: "2026-12-01T08:30:00Z", revokedAt: null },
  ];

  it("counts the tokens the key signed that its revocation revokes, for the key pressed", async () => {
    const count = deferred<ActionState>();
    actions.countByKeyAction.mockReturnValue(count.promise);
    render(<ToastProvider><SigningKeysSection keys={keys} rotateAction={keyActions.rotateSigningKeyAction} revokeAction={keyActions.revokeSigningKeyAction} countAction={countByKey} /></ToastProvider>);
    fireEvent.click(screen.getByRole("button", { name: "Revoke signing key pgk_old" }));
    const dialog = screen.getByRole("dialog", { name: "Revoke signing key pgk_old?" });
    expect(within(dialog).getByRole("status").textContent).toBe("Counting…");
    expect(actions.countByKeyAction).toHaveBeenCalledWith(undefined, { kid: "pgk_old" });
    count.resolve({ ok: true, data: { count: 1 } });
    await waitFor(() => expect(within(dialog).getByRole("status").textContent).toBe("This revokes 1 token it signed that is not revoked yet."));
  });

  it("with no token left says only the key is revoked", async () => {
    actions.countByKeyAction.mockResolvedValue({ ok: true, data: { count: 0 } });
    render(<ToastProvider><SigningKeysSection keys={keys} rotateAction={keyActions.rotateSigningKeyAction} revokeAction={keyActions.revokeSigningKeyAction} countAction={countByKey} /></ToastProvider>);
    fireEvent.click(screen.getByRole("button", { name: "Revoke signing key pgk_new" }));
    const dialog = screen.getByRole("dialog", { name: "Revoke signing key pgk_new?" });
    await waitFor(() => expect(within(dialog).getByRole("status").textContent).toBe("No active token was signed with it; only the key itself is revoked."));
    expect(dialog.textContent).toContain("A new key is created first");
  });

  it("revoking the active key asks for its kid typed; a retiring key does not", async () => {
    actions.countByKeyAction.mockResolvedValue({ ok: true, data: { count: 3 } });
    keyActions.revokeSigningKeyAction.mockResolvedValue({ ok: true, message: "Key revoked." });
    render(<ToastProvider><SigningKeysSection keys={keys} rotateAction={keyActions.rotateSigningKeyAction} revokeAction={keyActions.revokeSigningKeyAction} countAction={countByKey} /></ToastProvider>);
    fireEvent.click(screen.getByRole("button", { name: "Revoke signing key pgk_old" }));
    const retiring = screen.getByRole("dialog", { name: "Revoke signing key pgk_old?" });
    expect(within(retiring).queryByLabelText(/to confirm/)).toBeNull();
    fireEvent.click(within(retiring).getByRole("button", { name: "Cancel" }));

    fireEvent.click(screen.getByRole("button", { name: "Revoke signing key pgk_new" }));
    const active = screen.getByRole("dialog", { name: "Revoke signing key pgk_new?" });
    const confirm = within(active).getByRole("button", { name: "Revoke key" }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    fireEvent.change(within(active).getByLabelText("Type pgk_new to confirm"), { target: { value: "pgk_new" } });
    expect(confirm.disabled).toBe(false);
    fireEvent.click(confirm);
    await waitFor(() => expect(keyActions.revokeSigningKeyAction).toHaveBeenCalledTimes(1));
  });
});
