// @vitest-environment jsdom
// A pending button keeps keyboard focus (no `disabled` attribute, which sends focus to <body>
// mid-action) yet cannot be sent twice: clicks, and the Enter that clicks a form's submit button,
// do nothing until it is no longer pending.
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import "./setup";
import { Button } from "@/components/ui/button";

describe("Button while pending", () => {
  it("stays focused and says it is busy and unavailable", () => {
    const { rerender } = render(<Button>Save</Button>);
    const button = screen.getByRole("button", { name: "Save" });
    button.focus();
    rerender(<Button pending pendingLabel="Saving…">Save</Button>);
    expect(document.activeElement).toBe(button);
    expect(button.hasAttribute("disabled")).toBe(false);
    expect(button.getAttribute("aria-disabled")).toBe("true");
    expect(button.getAttribute("aria-busy")).toBe("true");
    expect(button.textContent).toBe("Saving…");
  });

  it("ignores clicks and does not submit its form again, then works once done", () => {
    const onClick = vi.fn();
    const onSubmit = vi.fn((event: { preventDefault(): void }) => event.preventDefault());
    const form = (pending: boolean) => (
      <form onSubmit={onSubmit}>
        <Button type="submit" pending={pending} onClick={onClick}>Send</Button>
      </form>
    );
    const { rerender } = render(form(true));
    fireEvent.click(screen.getByRole("button", { name: "Send" }));
    expect(onClick).not.toHaveBeenCalled();
    expect(onSubmit).not.toHaveBeenCalled();

    rerender(form(false));
    const button = screen.getByRole("button", { name: "Send" });
    expect(button.hasAttribute("aria-disabled")).toBe(false);
    fireEvent.click(button);
    expect(onClick).toHaveBeenCalledTimes(1);
    expect(onSubmit).toHaveBeenCalledTimes(1);
  });

  it("a disabled button is still disabled", () => {
    render(<Button disabled>Nothing to save</Button>);
    expect(screen.getByRole<HTMLButtonElement>("button", { name: "Nothing to save" }).disabled).toBe(true);
  });
});
