// @vitest-environment jsdom
// The Account page's forms: the password form asks for the new password twice, refuses the
// current one again, shows each error next to its field and keeps what was typed; the token key
// reset says this browser's session API token is replaced too.
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import "./setup";
import { ToastProvider } from "@/components/ui/toast";
import type { ActionState } from "@/lib/actions";
import { changePasswordSchema } from "@/lib/validation/users";

// The real schema, as the action wrapper runs it: the form's field names and its errors must meet.
async function parseOnly(_prev: ActionState, fd: FormData): Promise<ActionState> {
  const parsed = changePasswordSchema.safeParse(Object.fromEntries(fd));
  if (parsed.success) return { ok: true, message: "Password changed." };
  return { ok: false, code: "invalid", message: "Some fields need attention.", fields: z.flattenError(parsed.error).fieldErrors as Record<string, string[]> };
}

type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;
const actions = vi.hoisted(() => ({
  changePasswordAction: vi.fn<Action>(),
  resetOwnTokenAction: vi.fn<Action>(),
  updateProfileAction: vi.fn<Action>(),
}));
// The server actions reach the database and the router belongs to Next: the forms' wiring is under test.
vi.mock("@/app/(dashboard)/account/actions", () => actions);
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: vi.fn() }) }));

const { PasswordForm, ResetOwnTokenButton } = await import("@/app/(dashboard)/account/account-forms");

const CURRENT = "current-long-password";

function fill(values: Record<string, string>) {
  render(<ToastProvider><PasswordForm /></ToastProvider>);
  for (const [label, value] of Object.entries(values)) fireEvent.change(screen.getByLabelText(label), { target: { value } });
  fireEvent.click(screen.getByRole("button", { name: "Change password" }));
}

/** The error text the field's aria-describedby points at. */
function errorOf(label: string) {
  const input = screen.getByLabelText(label);
  return (input.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent).join(" ");
}

beforeEach(() => {
  actions.changePasswordAction.mockReset().mockImplementation(parseOnly);
});

describe("PasswordForm", () => {
  it("asks for the new password twice, as a new-password field", () => {
    render(<ToastProvider><PasswordForm /></ToastProvider>);
    const confirm = screen.getByLabelText("Confirm new password");
    expect(confirm.getAttribute("name")).toBe("confirmPassword");
    expect(confirm.getAttribute("type")).toBe("password");
    expect(confirm.getAttribute("autocomplete")).toBe("new-password");
  });

  it("refuses two different new passwords next to the confirm field and keeps what was typed", async () => {
    fill({ "Current password": CURRENT, "New password": "another-long-password", "Confirm new password": "another-long-passwrod" });
    await waitFor(() => expect(screen.getByLabelText("Confirm new password").getAttribute("aria-invalid")).toBe("true"));
    expect(errorOf("Confirm new password")).toContain("The two new passwords differ.");
    expect(screen.getByLabelText("New password").getAttribute("aria-invalid")).toBeNull();
    expect((screen.getByLabelText("New password") as HTMLInputElement).value).toBe("another-long-password");
    expect((screen.getByLabelText("Confirm new password") as HTMLInputElement).value).toBe("another-long-passwrod");
  });

  it("refuses the current password as the new one next to the New password field and keeps what was typed", async () => {
    fill({ "Current password": CURRENT, "New password": CURRENT, "Confirm new password": CURRENT });
    await waitFor(() => expect(screen.getByLabelText("New password").getAttribute("aria-invalid")).toBe("true"));
    expect(errorOf("New password")).toContain("Choose a password different from your current one.");
    expect((screen.getByLabelText("Current password") as HTMLInputElement).value).toBe(CURRENT);
    expect((screen.getByLabelText("New password") as HTMLInputElement).value).toBe(CURRENT);
  });

  it("posts all three fields and clears the form once the password is changed", async () => {
    fill({ "Current password": CURRENT, "New password": "another-long-password", "Confirm new password": "another-long-password" });
    await waitFor(() => expect(screen.getByText("Password changed.")).toBeTruthy());
    const sent = actions.changePasswordAction.mock.calls[0][1];
    expect(Object.fromEntries(sent)).toEqual({ currentPassword: CURRENT, newPassword: "another-long-password", confirmPassword: "another-long-password" });
    expect((screen.getByLabelText("Confirm new password") as HTMLInputElement).value).toBe("");
  });
});

describe("ResetOwnTokenButton", () => {
  it("warns that this browser's session API token is replaced too", () => {
    render(<ToastProvider><ResetOwnTokenButton /></ToastProvider>);
    fireEvent.click(screen.getByRole("button", { name: "Reset my token key" }));
    const text = screen.getByRole("dialog", { name: "Reset your token key?" }).textContent;
    expect(text).toContain("your session API token is replaced");
    expect(text).toContain("get 401");
    expect(text).toContain("This browser stays signed in.");
    expect(text).not.toContain("session and session API token of yours");
  });
});
