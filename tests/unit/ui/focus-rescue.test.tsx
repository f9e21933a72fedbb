// @vitest-environment jsdom
// Focus never stays on <body> when the focused control leaves the page: it moves to the page's heading,
// unless something that knows better (a table's next row) has moved it first.
import { act, render, screen, waitFor } from "@testing-library/react";
import { useState } from "react";
import { describe, expect, it } from "vitest";
import "./setup";
import { FocusRescue } from "@/components/shell/focus-rescue";

function Page({ onGone }: { onGone?: () => void }) {
  const [shown, setShown] = useState(true);
  return (
    <>
      <FocusRescue />
      <main id="main">
        <h1>Playback token</h1>
        {shown ? <button type="button" onClick={() => { setShown(false); onGone?.(); }}>Revoke</button> : null}
        <button type="button">Other</button>
      </main>
    </>
  );
}

describe("FocusRescue", () => {
  it("moves focus to the page heading when the focused button goes", async () => {
    render(<Page />);
    const revoke = screen.getByRole("button", { name: "Revoke" });
    act(() => revoke.focus());
    act(() => revoke.click());
    expect(revoke.isConnected).toBe(false);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("heading", { name: "Playback token" })));
  });

  it("leaves focus alone when it was moved somewhere sensible in the meantime", async () => {
    render(<Page onGone={() => setTimeout(() => screen.getByRole("button", { name: "Other" }).focus(), 10)} />);
    const revoke = screen.getByRole("button", { name: "Revoke" });
    act(() => revoke.focus());
    act(() => revoke.click());
    await new Promise((resolve) => setTimeout(resolve, 250));
    expect(document.activeElement).toBe(screen.getByRole("button", { name: "Other" }));
  });
});
