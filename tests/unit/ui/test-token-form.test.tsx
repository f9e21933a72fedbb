// @vitest-environment jsdom
// "Test this token": a typo is shown next to its field with what was typed kept; a denial is a
// sentence, with the authorize endpoint's reason code in small print.
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import "./setup";
import type { ActionState } from "@/lib/actions";

type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;
const actions = vi.hoisted(() => ({ testTokenAction: vi.fn<Action>() }));
// The server action reaches the database: the form's wiring is under test.
vi.mock("@/app/(dashboard)/secure/token/actions", () => actions);

const { TestTokenForm } = await import("@/app/(dashboard)/secure/token/[id]/test-token-form");

const field = (name: string) => screen.getByRole("textbox", { name: new RegExp(`^${name}`) }) as HTMLInputElement;

beforeEach(() => actions.testTokenAction.mockReset());

describe("TestTokenForm", () => {
  it("shows an invalid client IP and origin next to their fields and keeps what was typed", async () => {
    actions.testTokenAction.mockResolvedValue({
      ok: false, code: "invalid", message: "Some fields need attention.",
      fields: { ip: ["Enter one IPv4 or IPv6 address, e.g. 203.0.113.7 or 2001:db8::7"], origin: ["Enter the page's origin, e.g. https://player.example.com, or its host name"] },
    });
    render(<TestTokenForm id="t_1" defaultStream="main-hd" restrictions={{ ip: "203.0.113.0/24" }} />);
    expect(field("Client IP").getAttribute("aria-describedby")).toBeTruthy();
    expect(screen.getByText("The viewer's address; this token only plays from 203.0.113.0/24.")).toBeTruthy();
    fireEvent.change(field("Client IP"), { target: { value: "300.1.1.1" } });
    fireEvent.change(field("Origin"), { target: { value: "nope" } });
    fireEvent.click(screen.getByRole("button", { name: "Test this token" }));

    await waitFor(() => expect(field("Client IP").getAttribute("aria-invalid")).toBe("true"));
    expect(actions.testTokenAction.mock.calls[0][1].get("ip")).toBe("300.1.1.1");
    expect(screen.getByText(/Enter one IPv4 or IPv6 address/)).toBeTruthy();
    expect(field("Origin").getAttribute("aria-invalid")).toBe("true");
    expect([field("Client IP").value, field("Origin").value]).toEqual(["300.1.1.1", "nope"]);
    expect(screen.queryByText(/Allowed|Denied/)).toBeNull();
  });

  it("says why a player would be denied in a sentence, with the reason code in small print", async () => {
    actions.testTokenAction.mockResolvedValue({ ok: true, data: { allowed: false, reasons: [{ reason: "ip_not_allowed", explanation: "This token only plays from 203.0.113.0/24; 198.51.100.1 is outside it." }] } });
    render(<TestTokenForm id="t_1" defaultStream="main-hd" />);
    fireEvent.click(screen.getByRole("button", { name: "Test this token" }));
    await waitFor(() => expect(screen.getByText("Denied")).toBeTruthy());
    expect(screen.getByText("This token only plays from 203.0.113.0/24; 198.51.100.1 is outside it.")).toBeTruthy();
    expect(screen.getByText("ip_not_allowed").tagName).toBe("CODE");
    expect(screen.queryByText(/send the viewer/)).toBeNull();
  });

  it("lists every reason, each with its code", async () => {
    actions.testTokenAction.mockResolvedValue({
      ok: true,
      data: { allowed: false, reasons: [{ reason: "ip_not_allowed", explanation: "Wrong address." }, { reason: "domain_not_allowed", explanation: "Wrong page." }] },
    });
    render(<TestTokenForm id="t_1" defaultStream="main-hd" />);
    fireEvent.click(screen.getByRole("button", { name: "Test this token" }));
    await waitFor(() => expect(screen.getByText("Denied, for 2 reasons")).toBeTruthy());
    expect(screen.getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Wrong address.Reason code ip_not_allowed", "Wrong page.Reason code domain_not_allowed"]);
  });
});
