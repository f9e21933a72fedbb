// @vitest-environment jsdom
// Toasts: a message flashed before a navigation greets the next dashboard page once; a burst keeps
// at most three, and a phone shows only the newest of them.
import { act, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import "./setup";
import { flashToast, ToastProvider, useToast } from "@/components/ui/toast";

function Saver() {
  const { toast } = useToast();
  return <button type="button" onClick={() => toast("Stream renamed.", { tone: "success" })}>Rename</button>;
}

function Burst() {
  const { toast } = useToast();
  return <button type="button" onClick={() => ["One saved.", "Two saved.", "Three saved.", "Four saved."].forEach((m) => toast(m, { tone: "success" }))}>Save all</button>;
}

afterEach(() => sessionStorage.clear());

describe("toasts", () => {
  it("shows a flashed message once, on the first page that mounts the provider", () => {
    flashToast("Welcome! Your account ana@x.com was created.");
    const first = render(<ToastProvider><p>Overview</p></ToastProvider>);
    expect(screen.getByRole("status").textContent).toContain("Welcome! Your account ana@x.com was created.");
    first.unmount();
    render(<ToastProvider><p>Streams</p></ToastProvider>);
    expect(screen.getByRole("status").textContent).toBe("");
  });

  it("keeps the newest three of a burst, and only the newest is shown on a phone", () => {
    render(<ToastProvider><Burst /></ToastProvider>);
    act(() => fireEvent.click(screen.getByRole("button", { name: "Save all" })));
    const shown = Array.from(screen.getByRole("status").children);
    expect(shown.map((t) => t.textContent)).toEqual(["Two saved.", "Three saved.", "Four saved."]);
    expect(shown.map((t) => t.className.includes("max-sm:hidden"))).toEqual([true, true, false]);
  });

  it("dismissing the toast that has focus gives focus back to where it was, not to the page's top", () => {
    render(<ToastProvider><main><h1>Streams</h1><Saver /></main></ToastProvider>);
    const rename = screen.getByRole("button", { name: "Rename" });
    act(() => rename.focus());
    act(() => fireEvent.click(rename));
    const dismiss = screen.getByRole("button", { name: "Dismiss notification" });
    act(() => dismiss.focus());
    act(() => fireEvent.click(dismiss));
    expect(screen.queryByText("Stream renamed.")).toBeNull();
    expect(document.activeElement).toBe(rename);
  });
});
