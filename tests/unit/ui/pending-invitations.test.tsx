// @vitest-environment jsdom
// Pending invitations: each row has a plain Revoke button, and one island opens one confirmation
// naming the invitation of the row that was pressed, posting that invitation's id.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import "./setup";
import { ToastProvider } from "@/components/ui/toast";
import type { ActionState } from "@/lib/actions";

type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;
const actions = vi.hoisted(() => ({ revokeInvitationAction: vi.fn<Action>() }));
const refresh = vi.hoisted(() => vi.fn());
// The server action reaches the database and the router belongs to Next: the island's wiring is under test.
vi.mock("@/app/(dashboard)/organisation/users/actions", () => actions);
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

const { PendingInvitations } = await import("@/app/(dashboard)/organisation/users/pending-invitations");

const createdAt = new Date("2026-11-22T10:00:00Z");
const expiresAt = new Date("2026-11-29T10:00:00Z");
const invitations = [
  { id: "inv_a", role: "admin", createdByEmail: "ana@x.com", createdAt, expiresAt },
  { id: "inv_r", role: "readonly", createdByEmail: "bo@x.com", createdAt, expiresAt },
];

function renderList(list = invitations) {
  const page = (items: typeof invitations) => (
    <ToastProvider><section aria-label="Invitation links"><PendingInvitations invitations={items} /></section></ToastProvider>
  );
  const { rerender } = render(page(list));
  return { refreshed: (items: typeof invitations) => rerender(page(items)) };
}

beforeEach(() => {
  actions.revokeInvitationAction.mockReset();
  refresh.mockReset();
});

describe("Pending invitations", () => {
  it("says so when there are none", () => {
    renderList([]);
    expect(screen.getByText(/No pending invitations/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: /Revoke/ })).toBeNull();
  });

  it("opens no dialog until a row's Revoke is pressed; Cancel closes it and focus returns to that button", () => {
    renderList();
    expect(document.querySelectorAll("dialog")).toHaveLength(0);
    const button = screen.getByRole("button", { name: "Revoke Read-only invitation by bo@x.com" });
    fireEvent.click(button);
    const dialog = screen.getByRole("dialog", { name: "Revoke Read-only invitation by bo@x.com?" });
    expect(dialog.textContent).toContain("The link stops working at once.");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(button);
  });

  it("revokes the invitation of the row pressed, toasts and refreshes", async () => {
    actions.revokeInvitationAction.mockResolvedValue({ ok: true, message: "Invitation revoked." });
    renderList();
    fireEvent.click(screen.getByRole("button", { name: "Revoke Admin invitation by ana@x.com" }));
    const dialog = screen.getByRole("dialog", { name: "Revoke Admin invitation by ana@x.com?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke invitation" }));
    await waitFor(() => expect(actions.revokeInvitationAction).toHaveBeenCalledTimes(1));
    expect(actions.revokeInvitationAction.mock.calls[0][1].get("invitationId")).toBe("inv_a");
    await waitFor(() => expect(screen.getByText("Invitation revoked.")).toBeTruthy());
    expect(refresh).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("after revoking the last one, focus goes to the invitations section, not to the page's body", async () => {
    actions.revokeInvitationAction.mockResolvedValue({ ok: true, message: "Invitation revoked." });
    const list = renderList([invitations[1]]);
    fireEvent.click(screen.getByRole("button", { name: "Revoke Read-only invitation by bo@x.com" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Revoke invitation" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    // The refreshed page has no pending invitation: the list (and its island) is replaced by a sentence.
    list.refreshed([]);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("region", { name: "Invitation links" })));
    expect(screen.getByText(/No pending invitations/)).toBeTruthy();
  });

  it("keeps the dialog open with the reason when the revoke is refused", async () => {
    actions.revokeInvitationAction.mockResolvedValue({ ok: false, code: "not_found", message: "This invitation was already used or revoked." });
    renderList();
    fireEvent.click(screen.getByRole("button", { name: "Revoke Read-only invitation by bo@x.com" }));
    const dialog = screen.getByRole("dialog", { name: "Revoke Read-only invitation by bo@x.com?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke invitation" }));
    await waitFor(() => expect(within(dialog).getByRole("alert").textContent).toContain("already used or revoked"));
    expect(refresh).not.toHaveBeenCalled();
  });
});
