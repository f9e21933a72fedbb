// @vitest-environment jsdom
// The inline token dialog swaps its form for the result: focus follows the swap (to "Token created",
// and back to the form's first field on "Create another"), so a keyboard user is never left on <body>.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import "./setup";
import type { CreateTokenAction } from "@/components/tokens/token-form";

type Action = CreateTokenAction;
const actions = vi.hoisted(() => ({ createTokenAction: vi.fn<Action>() }));
const refresh = vi.hoisted(() => vi.fn());
// The server action (a prop from the page) reaches the database and the router belongs to Next:
// the dialog's wiring is under test.
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

const { TokenDialog } = await import("@/components/tokens/token-dialog");
const { TokenForm } = await import("@/components/tokens/token-form");

const streams = [{ id: "grp_1", name: "Main stage", streamNames: ["main-hd", "main-sd"] }];

beforeEach(() => {
  actions.createTokenAction.mockReset();
  refresh.mockReset();
});

describe("TokenDialog", () => {
  it("focuses the created token after Create, and the form's first field after Create another", async () => {
    actions.createTokenAction.mockResolvedValue({ ok: true, message: "Token created.", data: { id: "t_1", token: "eyJ.abc.def", expiresAt: "2026-12-06T10:00:00Z" } });
    render(<TokenDialog groupId="grp_1" streamLabel="Main stage" streams={streams} defaultExpiresAt="2026-12-06T10:00" packageEnabled createToken={actions.createTokenAction} />);
    fireEvent.click(screen.getByRole("button", { name: "Create playback token" }));
    const dialog = screen.getByRole("dialog", { name: "Create a playback token" });
    fireEvent.click(within(dialog).getByRole("button", { name: "Create new token" }));

    const panel = await within(dialog).findByRole("group", { name: "Token created" });
    // Focus follows in the effect after the swap renders.
    await waitFor(() => expect(document.activeElement).toBe(panel));
    expect(panel.textContent).toContain('jwtoken: "eyJ.abc.def"');
    expect(refresh).toHaveBeenCalledTimes(1);

    fireEvent.click(within(dialog).getByRole("button", { name: "Create another" }));
    await waitFor(() => expect(within(dialog).queryByRole("group", { name: "Token created" })).toBeNull());
    const first = dialog.querySelector("[data-dialog-body] :is(input, select, textarea)");
    expect(first).not.toBeNull();
    expect(document.activeElement).toBe(first);
  });
});

describe("TokenForm", () => {
  it("posts the MediaMTX checkbox as mediamtx=on, and shows a refusal under it", async () => {
    actions.createTokenAction.mockResolvedValue({ ok: false, code: "invalid", message: "Some fields need attention.", fields: { mediamtx: ["MediaMTX permissions need a stream group or stream names."] } });
    render(<TokenForm streams={streams} defaultExpiresAt="2026-12-06T10:00" onCreated={() => {}} action={actions.createTokenAction} />);
    const box = screen.getByRole("checkbox", { name: "Add MediaMTX permissions (read on this token's streams)" });
    expect((box as HTMLInputElement).checked).toBe(false);
    fireEvent.click(box);
    fireEvent.click(screen.getByRole("button", { name: "Create new token" }));
    await waitFor(() => expect(actions.createTokenAction).toHaveBeenCalledTimes(1));
    expect((actions.createTokenAction.mock.calls[0][1] as FormData).get("mediamtx")).toBe("on");

    await waitFor(() => expect(box.getAttribute("aria-invalid")).toBe("true"));
    const described = (box.getAttribute("aria-describedby") ?? "").split(" ").map((id) => document.getElementById(id)?.textContent);
    expect(described).toContain("MediaMTX permissions need a stream group or stream names.");
    expect(described.some((t) => t?.includes("authMethod: jwt"))).toBe(true);
  });

  it("a refused stream-name pick focuses the first stream name, which reads the message", async () => {
    actions.createTokenAction.mockResolvedValue({ ok: false, code: "invalid", message: "Some fields need attention.", fields: { streams: ["Enter at least one stream name."] } });
    render(<TokenForm streams={streams} defaultExpiresAt="2026-12-06T10:00" onCreated={() => {}} action={actions.createTokenAction} />);
    fireEvent.click(screen.getByRole("radio", { name: /Stream names/ }));
    fireEvent.click(screen.getByRole("button", { name: "Create new token" }));

    const first = screen.getByRole("checkbox", { name: "main-hd" });
    await waitFor(() => expect(document.activeElement).toBe(first));
    expect(first.getAttribute("aria-invalid")).toBe("true");
    const message = document.getElementById(first.getAttribute("aria-describedby") ?? "");
    expect(message?.textContent).toBe("Enter at least one stream name.");
  });
});

describe("TokenForm for an organisation with no streams", () => {
  it("starts on Whole organisation and offers to create a stream instead of a free-text stream id", () => {
    render(<TokenForm streams={[]} defaultExpiresAt="2026-12-06 10:00" action={actions.createTokenAction} onCreated={() => {}} />);
    expect(screen.getByRole("radio", { name: /Whole organisation/ })).toHaveProperty("checked", true);
    fireEvent.click(screen.getByRole("radio", { name: /Stream group/ }));
    expect(screen.queryByRole("textbox", { name: "Stream ID" })).toBeNull();
    expect(screen.getByText(/Your organisation has no streams yet\./)).toBeTruthy();
    expect(screen.getByRole("link", { name: "Create a stream" }).getAttribute("href")).toBe("/streams");
  });

  it("with streams it still starts on Stream group, the first stream picked", () => {
    render(<TokenForm streams={streams} defaultExpiresAt="2026-12-06 10:00" action={actions.createTokenAction} onCreated={() => {}} />);
    expect(screen.getByRole("radio", { name: /Stream group/ })).toHaveProperty("checked", true);
    expect((screen.getByRole("combobox", { name: "Stream" }) as HTMLSelectElement).value).toBe("grp_1");
  });
});
