// @vitest-environment jsdom
// Focus never stays on <body> when the focused control leaves the page: it moves to its section, else
// the page's heading, unless something that knows better (a table's next row) has moved it first.
// An address naming a part of the page (#issued-tokens) takes focus there.
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

function Sections() {
  const [shown, setShown] = useState(true);
  const [rows, setRows] = useState(1);
  return (
    <>
      <FocusRescue />
      <main id="main">
        <h1>Secure token</h1>
        <section aria-label="Signing keys">
          {shown ? <button type="button" onClick={() => setShown(false)}>Revoke key</button> : null}
        </section>
        <section id="issued-tokens" aria-label="Issued tokens">
          <ul>{Array.from({ length: rows }, (_, i) => <li key={i}>Token {i}</li>)}</ul>
          <a href="#issued-tokens" onClick={(e) => { e.preventDefault(); history.pushState(null, "", "?after=c1#issued-tokens"); setRows(rows + 1); }}>Older</a>
        </section>
      </main>
    </>
  );
}

describe("FocusRescue", () => {
  it("moves focus to the section of the control that went, when the section stays", async () => {
    render(<Sections />);
    const revoke = screen.getByRole("button", { name: "Revoke key" });
    act(() => revoke.focus());
    act(() => revoke.click());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("region", { name: "Signing keys" })));
  });

  it("after paging, focus goes to the part of the page the address names", async () => {
    render(<Sections />);
    const older = screen.getByRole("link", { name: "Older" });
    act(() => older.focus());
    act(() => older.click());
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("region", { name: "Issued tokens" })));
    history.replaceState(null, "", "/");
  });

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
