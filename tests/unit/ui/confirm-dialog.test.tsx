// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import "./setup";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

describe("ConfirmDialog", () => {
  it("keeps Tab inside: from the last control to the first, and Shift+Tab back", () => {
    render(<ConfirmDialog verb="Delete user" target="ana@x.com" onConfirm={() => {}} />);
    fireEvent.click(screen.getByRole("button", { name: "Delete user ana@x.com" }));
    const close = screen.getByRole("button", { name: "Close dialog" });
    const confirm = screen.getByRole("button", { name: "Delete user" });
    confirm.focus();
    fireEvent.keyDown(confirm, { key: "Tab" });
    expect(document.activeElement).toBe(close);
    fireEvent.keyDown(close, { key: "Tab", shiftKey: true });
    expect(document.activeElement).toBe(confirm);
  });

  it("names what it will destroy and confirms only on the danger button", async () => {
    const onConfirm = vi.fn();
    render(<ConfirmDialog verb="Delete user" target="ana@x.com" onConfirm={onConfirm} consequence="This cannot be undone." />);

    const trigger = screen.getByRole("button", { name: "Delete user ana@x.com" });
    fireEvent.click(trigger);

    const dialog = screen.getByRole("dialog", { name: "Delete user ana@x.com?" });
    expect(dialog).toBeTruthy();
    expect(onConfirm).not.toHaveBeenCalled();
    // The safe choice has focus, so a stray Enter does not destroy anything.
    expect(document.activeElement?.textContent).toBe("Cancel");

    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(onConfirm).not.toHaveBeenCalled();
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(trigger);

    fireEvent.click(trigger);
    fireEvent.click(screen.getByRole("button", { name: "Delete user" }));
    await waitFor(() => expect(onConfirm).toHaveBeenCalledTimes(1));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("posts hidden fields to a form action and stays open on an error", async () => {
    const action = vi.fn(async (formData: FormData) => {
      expect(formData.get("userId")).toBe("u_1");
      return { error: "The organisation must keep an admin." };
    });
    render(<ConfirmDialog verb="Delete user" target="ana@x.com" action={action} fields={{ userId: "u_1" }} />);

    fireEvent.click(screen.getByRole("button", { name: "Delete user ana@x.com" }));
    fireEvent.click(screen.getByRole("button", { name: "Delete user" }));

    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("must keep an admin"));
    expect(action).toHaveBeenCalledTimes(1);
    expect(screen.getByRole("dialog")).toBeTruthy();
  });

  it("closes with Escape without confirming", () => {
    const onConfirm = vi.fn();
    render(<ConfirmDialog verb="Revoke token" target="tok_9" onConfirm={onConfirm} />);
    fireEvent.click(screen.getByRole("button", { name: "Revoke token tok_9" }));
    fireEvent.keyDown(screen.getByRole("dialog"), { key: "Escape" });
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(onConfirm).not.toHaveBeenCalled();
  });

  it("a target in words reads as words: no code type in the title", () => {
    render(<ConfirmDialog verb="Reset" target="your token key" plainTarget trigger="Reset my token key" triggerVariant="secondary" onConfirm={() => undefined} />);
    fireEvent.click(screen.getByRole("button", { name: "Reset my token key" }));
    const dialog = screen.getByRole("dialog", { name: "Reset your token key?" });
    expect(dialog.querySelector("h2 .font-mono, [role=heading] .font-mono")).toBeNull();
  });
});
