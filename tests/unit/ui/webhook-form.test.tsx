// @vitest-environment jsdom
// The webhook form: an error that belongs to a field is said once, under that field, with what was
// typed kept; only an error that belongs to no field gets the banner.
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import "./setup";
import { ToastProvider } from "@/components/ui/toast";
import type { ActionState } from "@/lib/actions";

type Action = (prev: ActionState, fd: FormData) => Promise<ActionState>;
const actions = vi.hoisted(() => ({ saveWebhookAction: vi.fn<Action>() }));
// The server action reaches the database and the router belongs to Next: the form's wiring is under test.
vi.mock("@/app/(dashboard)/organisation/overview/actions", () => actions);
vi.mock("next/navigation", () => ({ useRouter: () => ({ refresh: vi.fn() }) }));

const { WebhookForm } = await import("@/app/(dashboard)/organisation/overview/webhook-form");

const urlField = () => screen.getByRole("textbox", { name: /^Endpoint URL/ }) as HTMLInputElement;

async function submit(url: string) {
  render(<ToastProvider><WebhookForm url="" events={["publish"]} enabled={false} /></ToastProvider>);
  fireEvent.change(urlField(), { target: { value: url } });
  fireEvent.click(screen.getByRole("button", { name: "Save webhook" }));
  await waitFor(() => expect(actions.saveWebhookAction).toHaveBeenCalledTimes(1));
}

beforeEach(() => actions.saveWebhookAction.mockReset());

describe("WebhookForm errors", () => {
  it("an http:// URL is refused once, under the field, and the URL stays", async () => {
    const message = "The webhook URL must use https://.";
    actions.saveWebhookAction.mockResolvedValue({ ok: false, code: "refused", message, fields: { url: [message] }, values: { url: "http://hooks.example.com" } });
    await submit("http://hooks.example.com");
    await waitFor(() => expect(urlField().getAttribute("aria-invalid")).toBe("true"));
    expect(screen.getAllByText(message)).toHaveLength(1);
    expect(screen.queryByRole("alert")).toBeNull();
    expect(urlField().value).toBe("http://hooks.example.com");
  });

  it("a URL that is not one shows the field's message without the generic banner", async () => {
    actions.saveWebhookAction.mockResolvedValue({ ok: false, code: "invalid", message: "Some fields need attention.", fields: { url: ["Enter a full URL starting with https://."] }, values: { url: "not a url" } });
    await submit("not a url");
    await waitFor(() => expect(screen.getByText("Enter a full URL starting with https://.")).toBeTruthy());
    expect(screen.queryByText("Some fields need attention.")).toBeNull();
    expect(urlField().value).toBe("not a url");
  });

  it("an error that belongs to no field is a banner", async () => {
    actions.saveWebhookAction.mockResolvedValue({ ok: false, code: "rate_limited", message: "Too many changes. Try again in a minute.", values: { url: "https://hooks.example.com" } });
    await submit("https://hooks.example.com");
    await waitFor(() => expect(screen.getByRole("alert").textContent).toContain("Too many changes. Try again in a minute."));
    expect(urlField().getAttribute("aria-invalid")).toBeNull();
  });
});
