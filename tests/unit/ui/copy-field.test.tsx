// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import "./setup";
import { CopyField } from "@/components/ui/copy-field";

const original = Object.getOwnPropertyDescriptor(navigator, "clipboard");

function setClipboard(value: unknown) {
  Object.defineProperty(navigator, "clipboard", { value, configurable: true });
}

afterEach(() => {
  if (original) Object.defineProperty(navigator, "clipboard", original);
  else delete (navigator as { clipboard?: unknown }).clipboard;
});

describe("CopyField", () => {
  it("copies the value and announces Copied in a live region", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    setClipboard({ writeText });
    render(<CopyField label="Session API token" value="pg_st_secret123" />);

    fireEvent.click(screen.getByRole("button", { name: "Copy Session API token" }));

    expect(writeText).toHaveBeenCalledWith("pg_st_secret123");
    const status = screen.getByRole("status");
    expect(status.getAttribute("aria-live")).toBe("polite");
    await waitFor(() => expect(status.textContent).toBe("Copied"));
  });

  it("copies the real value while showing it masked", async () => {
    const writeText = vi.fn().mockResolvedValue(undefined);
    setClipboard({ writeText });
    render(<CopyField label="API key" value="pg_live_abcdefghijklmnop" masked />);

    const box = screen.getByLabelText("API key") as HTMLInputElement;
    expect(box.value).not.toContain("abcdefghijkl");
    fireEvent.click(screen.getByRole("button", { name: "Show" }));
    expect(box.value).toBe("pg_live_abcdefghijklmnop");
    // The label says what the button does next; no aria-pressed on top ("Hide, pressed").
    expect(screen.getByRole("button", { name: "Hide" }).hasAttribute("aria-pressed")).toBe(false);

    fireEvent.click(screen.getByRole("button", { name: "Copy API key" }));
    expect(writeText).toHaveBeenCalledWith("pg_live_abcdefghijklmnop");
  });

  it("falls back to selecting the value when the clipboard API is missing", async () => {
    setClipboard(undefined);
    render(<CopyField label="Player key" value="pk_123" />);

    fireEvent.click(screen.getByRole("button", { name: "Copy Player key" }));

    await waitFor(() => expect(screen.getByRole("status").textContent).toMatch(/press Ctrl\+C/));
  });
});
