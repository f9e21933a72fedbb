// @vitest-environment jsdom
// The error boundaries (root and dashboard) show a calm message, a reference and "Try again" —
// never the error's message or stack, whatever the error carries. The not-found pages give one
// answer, and only the root one is a <main> landmark (the dashboard's sits in the shell's <main>).
// An outage (DatabaseUnavailableError's digest, which Next keeps) says "temporarily unavailable".
import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";
import "./setup";
import { DatabaseUnavailableError, UNAVAILABLE_DIGEST } from "@/lib/errors";

vi.mock("next/navigation", async (importOriginal) => ({ ...(await importOriginal<object>()), usePathname: () => "/secure/token" }));
import RootError from "@/app/error";
import DashboardError from "@/app/(dashboard)/error";
import RootNotFound from "@/app/not-found";
import DashboardNotFound from "@/app/(dashboard)/not-found";

const leaky = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432 password=hunter2"), { digest: "1234567890" });
leaky.stack = "Error: connect ECONNREFUSED\n    at PrismaClient (/app/node_modules/@prisma/client/runtime.js:1:1)";

describe.each([["root", RootError], ["dashboard", DashboardError]] as const)("17: the %s error boundary", (_name, Boundary) => {
  it("17: shows a calm message and the digest, never the error's message or stack", () => {
    const { container } = render(<Boundary error={leaky} reset={vi.fn()} retry={vi.fn()} />);
    expect(screen.getByRole("heading", { name: "This page could not be loaded" })).toBeTruthy();
    expect(screen.getByText("Reference: 1234567890")).toBeTruthy();
    for (const secret of ["ECONNREFUSED", "hunter2", "node_modules", "PrismaClient", "5432"]) expect(container.textContent).not.toContain(secret);
  });

  it("17: Try again re-fetches the segment (retry), falling back to reset", () => {
    const retry = vi.fn();
    const reset = vi.fn();
    const { unmount } = render(<Boundary error={leaky} reset={reset} retry={retry} />);
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(retry).toHaveBeenCalledOnce();
    unmount();
    render(<Boundary error={leaky} reset={reset} />);
    fireEvent.click(screen.getByRole("button", { name: "Try again" }));
    expect(reset).toHaveBeenCalledOnce();
  });
});

describe.each([["root", RootError], ["dashboard", DashboardError]] as const)("22: the %s error boundary during an outage", (_name, Boundary) => {
  // What the browser gets in production: Next's generic message and the digest the server error carried.
  const outage = Object.assign(new Error("An error occurred in the Server Components render."), { digest: new DatabaseUnavailableError("P1001").digest });

  it("22: says the service is temporarily unavailable, nothing was changed, and links to this page again", () => {
    expect(outage.digest).toBe(UNAVAILABLE_DIGEST);
    const { container } = render(<Boundary error={outage} reset={vi.fn()} retry={vi.fn()} />);
    expect(screen.getByRole("heading", { name: "Playgate is temporarily unavailable" })).toBeTruthy();
    expect(container.textContent).toMatch(/Nothing you entered was changed\. Try again in \d+ seconds/);
    expect(screen.getByRole("link", { name: "Try again" }).getAttribute("href")).toBe("/secure/token");
    expect(container.textContent).not.toContain("could not be loaded");
    expect(container.textContent).not.toContain(UNAVAILABLE_DIGEST);
  });
});

describe("the not-found pages", () => {
  it("the root not-found is the page's one <main>", () => {
    const { container } = render(<RootNotFound />);
    expect(screen.getByRole("heading", { level: 1, name: "Page not found" })).toBeTruthy();
    expect(container.querySelectorAll("main")).toHaveLength(1);
  });

  it("the dashboard not-found shows the same answer without a <main> of its own", () => {
    const { container } = render(<DashboardNotFound />);
    expect(screen.getByRole("heading", { level: 1, name: "Page not found" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Back to streams" }).getAttribute("href")).toBe("/streams");
    expect(container.querySelector("main")).toBeNull();
  });
});
