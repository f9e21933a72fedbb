// @vitest-environment jsdom
// The API reference can be found from the app: an "API reference" link under the main menu (the
// desktop sidebar and the mobile menu both render NavLinks), current only on /docs/api.
import { fireEvent, render, screen } from "@testing-library/react";
import { createElement } from "react";
import { beforeEach, describe, expect, it, vi } from "vitest";
import "./ui/setup";

const nav = vi.hoisted(() => ({ pathname: "/streams" }));
vi.mock("next/navigation", () => ({
  usePathname: () => nav.pathname,
  useRouter: () => ({ push: vi.fn(), replace: vi.fn(), prefetch: vi.fn(), refresh: vi.fn(), back: vi.fn(), forward: vi.fn() }),
  useSearchParams: () => new URLSearchParams(),
}));

import { MobileMenu } from "@/components/shell/mobile-menu";
import { NavLinks } from "@/components/shell/nav-links";
import { HELP_NAV, MAIN_NAV, isActive } from "@/components/shell/nav-items";

beforeEach(() => {
  nav.pathname = "/streams";
});

describe("API reference in the navigation", () => {
  it("is a link to /docs/api below the main menu, not current on other pages", () => {
    render(createElement(NavLinks));
    const link = screen.getByRole("link", { name: "API reference" });
    expect(link.getAttribute("href")).toBe("/docs/api");
    expect(link.getAttribute("aria-current")).toBeNull();
    expect(screen.getByRole("link", { current: "page" }).textContent).toBe("Streams");
  });

  it("is the only current item on /docs/api, and never on the dashboard's pages", () => {
    expect(MAIN_NAV.some((item) => isActive(item, "/docs/api"))).toBe(false);
    for (const path of ["/streams", "/secure/token", "/organisation/overview", "/docs", "/docs/apis"]) expect(isActive(HELP_NAV[0], path), path).toBe(false);
    nav.pathname = "/docs/api";
    render(createElement(NavLinks));
    expect(screen.getAllByRole("link", { current: "page" }).map((l) => l.textContent)).toEqual(["API reference"]);
  });

  it("is in the mobile menu too", () => {
    render(createElement(MobileMenu, { user: { email: "rita@x.com", name: "Rita", role: "readonly" } }));
    fireEvent.click(screen.getByRole("button", { name: "Menu" }));
    expect(screen.getByRole("link", { name: "API reference" }).getAttribute("href")).toBe("/docs/api");
  });
});
