// @vitest-environment jsdom
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import "./setup";

// Only what leaves the component is mocked: the router and the HTTP requests of sign-out.
const nav = vi.hoisted(() => ({ pathname: "/streams" }));
vi.mock("next/navigation", () => ({
  usePathname: () => nav.pathname,
  useRouter: () => ({ push: vi.fn(), replace: vi.fn(), prefetch: vi.fn(), refresh: vi.fn(), back: vi.fn(), forward: vi.fn() }),
  useSearchParams: () => new URLSearchParams(),
}));
const fetchMock = vi.hoisted(() => vi.fn());

import { AccountMenu } from "@/components/shell/account-menu";
import { MobileMenu } from "@/components/shell/mobile-menu";
import { NavLinks } from "@/components/shell/nav-links";

const admin = { email: "ana@x.com", name: "Ana", role: "admin" as const };
const readonly = { email: "rita@x.com", name: "Rita", role: "readonly" as const };

beforeEach(() => {
  nav.pathname = "/streams";
  fetchMock.mockReset();
  fetchMock.mockImplementation(async (url: string) => Response.json(url === "/api/auth/csrf" ? { csrfToken: "csrf-1" } : { url: "/login" }));
  vi.stubGlobal("fetch", fetchMock);
});

describe("AccountMenu", () => {
  it("opens from the keyboard, moves with arrows, closes with Escape and returns focus", () => {
    render(<AccountMenu user={admin} />);
    const button = screen.getByRole("button", { name: "Account menu" });
    expect(button.getAttribute("aria-haspopup")).toBe("menu");
    expect(button.getAttribute("aria-expanded")).toBe("false");

    button.focus();
    fireEvent.keyDown(button, { key: "ArrowDown" });
    expect(button.getAttribute("aria-expanded")).toBe("true");
    const items = screen.getAllByRole("menuitem");
    expect(items.map((i) => i.textContent)).toEqual(["Organisation overview", "User management", "Account", "Sign out"]);
    expect(document.activeElement).toBe(items[0]);
    expect(screen.getByText("ana@x.com")).toBeTruthy();
    expect(screen.getByText("Role: Admin")).toBeTruthy();

    fireEvent.keyDown(items[0], { key: "ArrowDown" });
    expect(document.activeElement).toBe(items[1]);
    fireEvent.keyDown(items[1], { key: "End" });
    expect(document.activeElement).toBe(items[3]);
    fireEvent.keyDown(items[3], { key: "ArrowDown" });
    expect(document.activeElement).toBe(items[0]);

    fireEvent.keyDown(items[0], { key: "Escape" });
    expect(screen.queryByRole("menu")).toBeNull();
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(button);
  });

  it("closes on a click outside", () => {
    render(<><p>outside</p><AccountMenu user={admin} /></>);
    fireEvent.click(screen.getByRole("button", { name: "Account menu" }));
    expect(screen.getByRole("menu")).toBeTruthy();
    fireEvent.mouseDown(screen.getByText("outside"));
    expect(screen.queryByRole("menu")).toBeNull();
  });

  it("hides User management from read-only users", () => {
    render(<AccountMenu user={readonly} />);
    fireEvent.click(screen.getByRole("button", { name: "Account menu" }));
    const labels = screen.getAllByRole("menuitem").map((i) => i.textContent);
    expect(labels).toEqual(["Organisation overview", "Account", "Sign out"]);
  });

  it("signs out through next-auth (CSRF token, then POST /api/auth/signout)", async () => {
    render(<AccountMenu user={admin} />);
    fireEvent.click(screen.getByRole("button", { name: "Account menu" }));
    fireEvent.click(screen.getByRole("menuitem", { name: "Sign out" }));
    await waitFor(() => expect(fetchMock).toHaveBeenCalledTimes(2));
    expect(fetchMock.mock.calls[0][0]).toBe("/api/auth/csrf");
    const [url, init] = fetchMock.mock.calls[1] as [string, RequestInit];
    expect(url).toBe("/api/auth/signout");
    expect(init.method).toBe("POST");
    expect(new URLSearchParams(String(init.body)).get("csrfToken")).toBe("csrf-1");
  });
});

describe("Navigation", () => {
  it("marks the current section with aria-current and the lock icon on Secure token", () => {
    nav.pathname = "/secure/token/abc";
    render(<NavLinks />);
    const current = screen.getByRole("link", { current: "page" });
    expect(current.textContent).toBe("Secure token");
    expect(current.getAttribute("href")).toBe("/secure/token");
    expect(screen.getByRole("link", { name: "Streams" }).getAttribute("aria-current")).toBeNull();
  });

  it("mobile menu holds the navigation and the Account section, without Users for read-only", () => {
    render(<MobileMenu user={readonly} />);
    const button = screen.getByRole("button", { name: "Menu" });
    fireEvent.click(button);
    expect(button.getAttribute("aria-expanded")).toBe("true");
    for (const name of ["Streams", "Secure token", "Organisation", "Organisation overview", "Account"]) {
      expect(screen.getByRole("link", { name })).toBeTruthy();
    }
    expect(screen.queryByRole("link", { name: "User management" })).toBeNull();
    // The Account part is a named region, not a heading: the panel comes before the page's h1.
    expect(screen.getByRole("region", { name: "Account" })).toBeTruthy();
    expect(screen.queryByRole("heading")).toBeNull();

    fireEvent.keyDown(document, { key: "Escape" });
    expect(button.getAttribute("aria-expanded")).toBe("false");
    expect(document.activeElement).toBe(button);
  });
});
