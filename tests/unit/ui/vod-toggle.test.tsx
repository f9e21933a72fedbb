// @vitest-environment jsdom
// The VOD switch saves as soon as it is flipped; while it saves it keeps keyboard focus (aria-disabled,
// not disabled) and ignores further flips, then says what the server decided.
import { act, fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import "./setup";
import { ToastProvider } from "@/components/ui/toast";
import type { ActionState } from "@/lib/actions";

const actions = vi.hoisted(() => ({ setVodPublicAction: vi.fn<(prev: ActionState, input: { vodPublic: boolean }) => Promise<ActionState>>() }));
// The server action reaches the database and the router belongs to Next: the switch's wiring is under test.
vi.mock("@/app/(dashboard)/organisation/overview/actions", () => actions);
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: vi.fn() }) }));

const { VodToggle } = await import("@/app/(dashboard)/organisation/overview/vod-toggle");

describe("VodToggle", () => {
  it("keeps focus and refuses a second flip while saving", async () => {
    let finish: (state: ActionState) => void = () => {};
    actions.setVodPublicAction.mockReturnValue(new Promise((resolve) => { finish = resolve; }));
    render(<ToastProvider><VodToggle vodPublic={false} /></ToastProvider>);
    const toggle = screen.getByRole("switch", { name: "Public VOD list" });
    toggle.focus();
    fireEvent.click(toggle);

    await waitFor(() => expect(toggle.getAttribute("aria-disabled")).toBe("true"));
    expect((toggle as HTMLInputElement).disabled).toBe(false);
    expect(document.activeElement).toBe(toggle);
    fireEvent.click(toggle);
    expect(actions.setVodPublicAction).toHaveBeenCalledTimes(1);
    expect(actions.setVodPublicAction.mock.calls[0][1]).toEqual({ vodPublic: true });

    await act(async () => finish({ ok: true, message: "VOD list is public." }));
    await waitFor(() => expect(toggle.getAttribute("aria-disabled")).toBeNull());
    expect(screen.getByRole("status").textContent).toContain("VOD list is public.");
    expect(document.activeElement).toBe(toggle);
  });
});
