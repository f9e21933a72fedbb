// @vitest-environment jsdom
// Revoking from the token registry: server-rendered "Revoke" buttons, one island that opens one
// confirmation naming the token of the row that was clicked (by what the registry shows: when it
// was issued and its tag, never by the jti alone), and posts that token's id.
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import "./setup";
import { ToastProvider } from "@/components/ui/toast";
import { Table } from "@/components/ui/table";
import type { ActionState } from "@/lib/actions";

type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;
const actions = vi.hoisted(() => ({ revokeTokenAction: vi.fn<Action>(), revokeByTagAction: vi.fn<Action>(), revokeByUserAction: vi.fn<Action>() }));
const refresh = vi.hoisted(() => vi.fn());
// The server actions reach the database and the router belongs to Next: the island's wiring is under test.
vi.mock("@/app/(dashboard)/secure/token/actions", () => actions);
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

const { RegistryRevokeController, RevokeTokenButton } = await import("@/app/(dashboard)/secure/token/revoke-controls");
const { RevokeRowButton } = await import("@/app/(dashboard)/secure/token/revoke-row-button");

const { tokenName } = await import("@/lib/tokens/token-text");

const tokens = [
  { id: "t_1", jti: "jti_one", name: tokenName({ issuedAt: new Date("2026-11-22T18:27:41Z"), tag: "keynote", targetType: "org" }) },
  { id: "t_2", jti: "jti_two", name: tokenName({ issuedAt: new Date("2026-11-23T09:05:00Z"), targetType: "group", groupId: "g_9" }) },
];

function renderRegistry() {
  render(
    <ToastProvider>
      <RegistryRevokeController>
        <Table caption="Issued playback tokens" rows={tokens} rowKey={(t) => t.id}
          columns={[{ header: "Actions", hideHeader: true, cell: (t) => <RevokeRowButton id={t.id} name={t.name} jti={t.jti} /> }]} />
      </RegistryRevokeController>
    </ToastProvider>,
  );
}

beforeEach(() => {
  actions.revokeTokenAction.mockReset();
  refresh.mockReset();
});

describe("Token registry revoke", () => {
  it("opens the confirmation for the clicked row; Cancel closes it and returns focus; another row opens its own", () => {
    renderRegistry();
    expect(document.querySelectorAll("dialog")).toHaveLength(0);
    const first = screen.getByRole("button", { name: "Revoke the token issued 2026-11-22 18:27 UTC (tag keynote)" });
    expect(first.textContent).toBe("Revoke");
    fireEvent.click(first);
    const dialog = screen.getByRole("dialog", { name: "Revoke the token issued 2026-11-22 18:27 UTC (tag keynote)?" });
    expect(dialog.textContent).toContain("Players using it are refused from the authorize endpoint's next check.");
    // The jti stays as small print, for matching edge logs; the title never leads with it.
    expect(within(dialog).getByText("jti_one").tagName).toBe("CODE");
    fireEvent.click(within(dialog).getByRole("button", { name: "Cancel" }));
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(first);

    fireEvent.click(screen.getByRole("button", { name: "Revoke the token issued 2026-11-23 09:05 UTC (Stream group g_9)" }));
    expect(screen.getByRole("dialog", { name: "Revoke the token issued 2026-11-23 09:05 UTC (Stream group g_9)?" })).toBeTruthy();
    expect(document.querySelectorAll("dialog")).toHaveLength(1);
    expect(actions.revokeTokenAction).not.toHaveBeenCalled();
  });

  it("revokes the token of the row clicked last, toasts and refreshes", async () => {
    actions.revokeTokenAction.mockResolvedValue({ ok: true, message: "Token jti_two revoked." });
    renderRegistry();
    fireEvent.click(screen.getByRole("button", { name: "Revoke the token issued 2026-11-22 18:27 UTC (tag keynote)" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Cancel" }));
    fireEvent.click(screen.getByRole("button", { name: "Revoke the token issued 2026-11-23 09:05 UTC (Stream group g_9)" }));
    fireEvent.click(within(screen.getByRole("dialog")).getByRole("button", { name: "Revoke token" }));

    await waitFor(() => expect(actions.revokeTokenAction).toHaveBeenCalledTimes(1));
    expect(actions.revokeTokenAction.mock.calls[0][1].get("id")).toBe("t_2");
    await waitFor(() => expect(screen.getByText("Token jti_two revoked.")).toBeTruthy());
    expect(refresh).toHaveBeenCalledTimes(1);
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
  });

  it("keeps the confirmation open with the reason when the revoke is refused", async () => {
    actions.revokeTokenAction.mockResolvedValue({ ok: false, code: "forbidden", message: "You do not have permission to do this." });
    renderRegistry();
    fireEvent.click(screen.getByRole("button", { name: "Revoke the token issued 2026-11-22 18:27 UTC (tag keynote)" }));
    const dialog = screen.getByRole("dialog");
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke token" }));
    await waitFor(() => expect(within(dialog).getByRole("alert").textContent).toContain("You do not have permission"));
    expect(actions.revokeTokenAction.mock.calls[0][1].get("id")).toBe("t_1");
    expect(refresh).not.toHaveBeenCalled();
  });

  it("names the token the same way on the token's own page, and revokes it", async () => {
    actions.revokeTokenAction.mockResolvedValue({ ok: true, message: "Token revoked." });
    render(
      <ToastProvider>
        <RevokeTokenButton id="t_1" name={tokens[0].name} jti="jti_one" size="md" />
      </ToastProvider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Revoke the token issued 2026-11-22 18:27 UTC (tag keynote)" }));
    const dialog = screen.getByRole("dialog", { name: "Revoke the token issued 2026-11-22 18:27 UTC (tag keynote)?" });
    expect(within(dialog).getByText("jti_one").tagName).toBe("CODE");
    fireEvent.click(within(dialog).getByRole("button", { name: "Revoke token" }));
    await waitFor(() => expect(actions.revokeTokenAction).toHaveBeenCalledTimes(1));
    expect(actions.revokeTokenAction.mock.calls[0][1].get("id")).toBe("t_1");
  });
});
