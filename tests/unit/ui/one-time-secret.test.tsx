// @vitest-environment jsdom
// A secret shown once: the dialog shows it whole with a copy button, and the success toast waits
// until the dialog is closed (under the open dialog it would sit behind the backdrop).
import { fireEvent, render, screen, waitFor, within } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import "./setup";
import { ToastProvider } from "@/components/ui/toast";
import { OneTimeSecretButton } from "@/components/organisation/one-time-secret-button";

const refresh = vi.hoisted(() => vi.fn());
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh }) }));

describe("OneTimeSecretButton", () => {
  it("shows the new key once, then says it was created when the dialog closes, and refreshes", async () => {
    const action = vi.fn().mockResolvedValue({ ok: true, message: "Master API key created.", data: { key: "pg_live_0123456789abcdef0123456789abcdef" } });
    render(
      <ToastProvider>
        <OneTimeSecretButton action={action} field="key" verb="Create" target="the master API key" triggerLabel="Create master key" resultTitle="New master API key" resultLabel="Master API key" confirm={false} />
      </ToastProvider>,
    );
    fireEvent.click(screen.getByRole("button", { name: "Create master key" }));
    const dialog = await screen.findByRole("dialog", { name: "New master API key" });
    const box = within(dialog).getByLabelText<HTMLTextAreaElement>("Master API key");
    expect(box.value).toBe("pg_live_0123456789abcdef0123456789abcdef");
    expect(box.tagName).toBe("TEXTAREA");
    expect(screen.queryByText("Master API key created.")).toBeNull();

    fireEvent.click(within(dialog).getByRole("button", { name: "I have stored it" }));
    await waitFor(() => expect(screen.queryByRole("dialog")).toBeNull());
    expect(screen.getByText("Master API key created.")).toBeTruthy();
    expect(refresh).toHaveBeenCalledTimes(1);
  });
});
