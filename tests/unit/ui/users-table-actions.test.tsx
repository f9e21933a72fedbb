// @vitest-environment jsdom
// The users table's quick actions: server-rendered row buttons, one island that opens one dialog
// for the row that was clicked, with that row's user in the title and in what is posted.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import "./setup";
import { ToastProvider } from "@/components/ui/toast";
import type { ActionState } from "@/lib/actions";

type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;
const actions = vi.hoisted(() => ({
  resetUserTokenAction: vi.fn<Action>(),
  changeRoleAction: vi.fn<Action>(),
  deleteUserAction: vi.fn<Action>(),
  createPasswordResetAction: vi.fn<Action>(),
}));
const refresh = vi.hoisted(() => vi.fn());
// The server actions reach the database and the router belongs to Next: the island's wiring is under test.
vi.mock("@/app/(dashboard)/organisation/users/actions", () => actions);
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

const { UsersTable } = await import("@/app/(dashboard)/organisation/users/users-table");

const at = new Date("2026-11-22T10:00:00Z");
const users = [
  { id: "u_ana", email: "ana@x.com", name: "Ana", role: "admin", tokenKey: "tk_aaaaaaaa••••", createdAt: at },
  { id: "u_bo", email: "bo@x.com", name: "Bo", role: "user", tokenKey: "tk_bbbbbbbb••••", createdAt: at },
  { id: "u_cy", email: "cy@x.com", name: "", role: "readonly", tokenKey: "tk_cccccccc••••", createdAt: at },
];

function renderTable() {
  const table = (list: typeof users) => <ToastProvider><UsersTable users={list} currentUserId="u_ana" showActions filtered={false} /></ToastProvider>;
  const { rerender } = render(table(users));
  return { without: (...ids: string[]) => rerender(table(users.filter((user) => !ids.includes(user.id)))) };
}

beforeEach(() => {
  for (const action of Object.values(actions)) action.mockReset();
  refresh.mockReset();
});

/** Types the email the delete confirmation asks for, then confirms. */
function typeAndDelete(email: string) {
  const dialog = screen.getByRole("dialog", { name: `Delete user ${email}?` });
  fireEvent.change(within(dialog).getByLabelText(`Type ${email} to confirm`), { target: { value: email } });
  fireEvent.click(within(dialog).getByRole("button", { name: "Delete user" }));
}

describe("Users table quick actions", () => {
  it("renders the row buttons with today's names and no dialog until one is pressed; your own row only resets", () => {
    renderTable();
    for (const email of ["ana@x.com", "bo@x.com", "cy@x.com"]) expect(screen.getByRole("button", { name: `Reset user token of ${email}` }).textContent).toBe("Reset user token");
    expect(screen.getByRole("button", { name: "Change role of bo@x.com" }).textContent).toBe("Change role");
    expect(screen.getByRole("button", { name: "Delete user cy@x.com" }).textContent).toBe("Delete");
    expect(screen.queryByRole("button", { name: "Change role of ana@x.com" })).toBeNull();
    expect(screen.queryByRole("button", { name: "Delete user ana@x.com" })).toBeNull();
    expect(document.querySelectorAll("dialog")).toHaveLength(0);
  });

  it("opens the reset for the clicked row, Cancel closes it and focus returns to that row's button", () => {
    renderTable();
    const bo = screen.getByRole("button", { name: "Reset user token of bo@x.com" });
    fireEvent.click(bo);
    const dialog = screen.getByRole("dialog", { name: "Reset token key of bo@x.com?" });
    expect(dialog.textContent).toContain("Every session and session API token of this user stops working");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(bo);

    // Your own row says this browser stays signed in but its session API token is replaced, and posts your id.
    fireEvent.click(screen.getByRole("button", { name: "Reset user token of ana@x.com" }));
    const own = screen.getByRole("dialog", { name: "Reset token key of ana@x.com?" }).textContent;
    expect(own).toContain("your session API token is replaced");
    expect(own).toContain("This browser stays signed in.");
    expect(document.querySelectorAll("dialog")).toHaveLength(1);
  });

  it("makes a password reset link for the clicked row after a confirmation, and shows it once with a copy button", async () => {
    const url = "https://playgate.test/reset-password/pg_pwr_abc";
    actions.createPasswordResetAction.mockResolvedValue({ ok: true, message: "made", data: { url, email: "bo@x.com", expiresAt: "2026-11-23T10:00:00.000Z" } });
    renderTable();
    expect(screen.queryByRole("button", { name: "Password reset link for ana@x.com" })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Password reset link for bo@x.com" }));
    const confirm = screen.getByRole("dialog", { name: "Make a password reset link for bo@x.com?" });
    expect(confirm.textContent).toContain("It works once, for 24 hours");
    expect(actions.createPasswordResetAction).not.toHaveBeenCalled();
    fireEvent.click(within(confirm).getByRole("button", { name: "Make reset link" }));
    const shown = await screen.findByRole("dialog", { name: "Password reset link" });
    expect((actions.createPasswordResetAction.mock.calls[0][1] as FormData).get("userId")).toBe("u_bo");
    expect(within(shown).getByDisplayValue(url)).toBeTruthy();
    expect(within(shown).getByRole("button", { name: /copy/i })).toBeTruthy();
    expect(shown.textContent).toContain("Expires 2026-11-23 10:00 UTC");
    expect(refresh).toHaveBeenCalled();
    fireEvent.click(within(shown).getByRole("button", { name: "Done" }));
    await waitFor(() => expect(screen.queryByRole("dialog", { name: "Password reset link" })).toBeNull());
  });

  it("deletes the user of the row that was clicked last, toasts and refreshes", async () => {
    actions.deleteUserAction.mockResolvedValue({ ok: true, message: "cy@x.com was deleted." });
    renderTable();
    fireEvent.click(screen.getByRole("button", { name: "Delete user bo@x.com" }));
    fireEvent.click(within(screen.getByRole("dialog", { name: "Delete user bo@x.com?" })).getByRole("button", { name: "Cancel" }));

    fireEvent.click(screen.getByRole("button", { name: "Delete user cy@x.com" }));
    const dialog = screen.getByRole("dialog", { name: "Delete user cy@x.com?" });
    expect(dialog.textContent).toContain("Playback tokens they issued stay valid.");
    // Deleting waits for the email typed: a near miss leaves the button off.
    const confirm = within(dialog).getByRole("button", { name: "Delete user" });
    expect(confirm).toHaveProperty("disabled", true);
    fireEvent.change(within(dialog).getByLabelText("Type cy@x.com to confirm"), { target: { value: "cy@x.co" } });
    expect(confirm).toHaveProperty("disabled", true);
    fireEvent.change(within(dialog).getByLabelText("Type cy@x.com to confirm"), { target: { value: "cy@x.com" } });
    expect(confirm).toHaveProperty("disabled", false);
    fireEvent.click(confirm);

    await waitFor(() => expect(actions.deleteUserAction).toHaveBeenCalledTimes(1));
    expect(actions.deleteUserAction.mock.calls[0][1].get("userId")).toBe("u_cy");
    // What was typed to confirm is not posted: the action's input schema takes only userId.
    expect([...(actions.deleteUserAction.mock.calls[0][1] as FormData).keys()]).toEqual(["userId"]);
    await waitFor(() => expect(screen.getByText("cy@x.com was deleted.")).toBeTruthy());
    expect(refresh).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("moves focus to the next row's Delete when the deleted row goes, to the table when no row has one, never to the body", async () => {
    actions.deleteUserAction.mockResolvedValue({ ok: true, message: "Deleted." });
    const table = renderTable();
    fireEvent.click(screen.getByRole("button", { name: "Delete user bo@x.com" }));
    typeAndDelete("bo@x.com");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    // The refreshed page arrives after the dialog closed: the row and its button go.
    table.without("u_bo");
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("button", { name: "Delete user cy@x.com" })));

    fireEvent.click(screen.getByRole("button", { name: "Delete user cy@x.com" }));
    typeAndDelete("cy@x.com");
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    table.without("u_bo", "u_cy");
    // No other row has a Delete (your own row has none): the table itself takes focus.
    await waitFor(() => expect(document.activeElement).not.toBe(document.body));
    expect(document.activeElement?.contains(screen.getByRole("button", { name: "Reset user token of ana@x.com" }))).toBe(true);
  });

  it("keeps the dialog open with the reason when the action is refused", async () => {
    actions.resetUserTokenAction.mockResolvedValue({ ok: false, code: "rate_limited", message: "Too many resets. Try again in 60 seconds." });
    renderTable();
    fireEvent.click(screen.getByRole("button", { name: "Reset user token of cy@x.com" }));
    const dialog = screen.getByRole("dialog", { name: "Reset token key of cy@x.com?" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Reset token key" }));
    await waitFor(() => expect(within(dialog).getByRole("alert").textContent).toContain("Too many resets"));
    expect(actions.resetUserTokenAction.mock.calls[0][1].get("userId")).toBe("u_cy");
    expect(refresh).not.toHaveBeenCalled();
  });

  it("changes the role of the clicked row, starting each opening from that user's current role", async () => {
    actions.changeRoleAction.mockResolvedValue({ ok: true, message: "bo@x.com is now Read-only. Their sessions have ended." });
    renderTable();
    const boButton = screen.getByRole("button", { name: "Change role of bo@x.com" });
    fireEvent.click(boButton);
    let dialog = screen.getByRole("dialog", { name: "Change role of bo@x.com?" });
    let select = within(dialog).getByLabelText<HTMLSelectElement>("Permission level");
    expect(select.value).toBe("user");
    fireEvent.change(select, { target: { value: "readonly" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(document.activeElement).toBe(boButton);

    fireEvent.click(screen.getByRole("button", { name: "Change role of cy@x.com" }));
    dialog = screen.getByRole("dialog", { name: "Change role of cy@x.com?" });
    expect(within(dialog).getByLabelText<HTMLSelectElement>("Permission level").value).toBe("readonly");
    expect(within(dialog).getByRole<HTMLButtonElement>("button", { name: "Change role" }).disabled).toBe(true);
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));

    fireEvent.click(boButton);
    dialog = screen.getByRole("dialog", { name: "Change role of bo@x.com?" });
    select = within(dialog).getByLabelText<HTMLSelectElement>("Permission level");
    expect(select.value).toBe("user");
    fireEvent.change(select, { target: { value: "readonly" } });
    fireEvent.click(within(dialog).getByRole("button", { name: "Change role" }));

    await waitFor(() => expect(actions.changeRoleAction).toHaveBeenCalledTimes(1));
    const posted = actions.changeRoleAction.mock.calls[0][1];
    expect([posted.get("userId"), posted.get("role")]).toEqual(["u_bo", "readonly"]);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(screen.getByText("bo@x.com is now Read-only. Their sessions have ended.")).toBeTruthy();
  });
});
