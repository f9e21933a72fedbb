// @vitest-environment jsdom
// A token page's "Player configuration": offered for copying only while the token can still play.
// A revoked or expired token says why it will not play and links to a new token instead.
import { render, screen, within } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import "./setup";
import { PlayerConfiguration, type PlayerConfigurationToken } from "@/components/tokens/player-configuration";

const base: PlayerConfigurationToken = {
  status: "active",
  token: "aaa.bbb.ccc",
  expiresAt: new Date("2026-11-22T18:27:00Z"),
  notBefore: null,
  revokedAt: null,
  revokedReason: null,
};

const section = () => screen.getByRole("region", { name: "Player configuration" });

describe("PlayerConfiguration", () => {
  it("offers the security config and the token of an active token", () => {
    render(<PlayerConfiguration token={base} canCreate />);
    expect(within(section()).getByRole("textbox", { name: "Security config" })).toBeTruthy();
    expect(within(section()).getByRole("button", { name: "Copy Token" })).toBeTruthy();
    expect(within(section()).queryByRole("link", { name: "Create a new token" })).toBeNull();
  });

  it("offers the short reference beside the token, with a copy button, when the token has one", () => {
    const ref = "pgr_0123456789abcdef0123456789abcdef";
    render(<PlayerConfiguration token={{ ...base, ref }} canCreate />);
    expect(within(section()).getByRole("button", { name: "Copy Short reference" })).toBeTruthy();
    expect((within(section()).getByRole("textbox", { name: "Short reference" }) as HTMLInputElement).value).toBe(ref);
  });

  it("offers a token that is not valid yet, saying from when (UTC)", () => {
    render(<PlayerConfiguration token={{ ...base, status: "not_yet_valid", notBefore: new Date("2026-11-01T08:00:00Z") }} canCreate />);
    expect(section().textContent).toContain("It plays from 2026-11-01 08:00 UTC");
    expect(within(section()).getByRole("textbox", { name: "Security config" })).toBeTruthy();
  });

  it.each([
    ["revoked", { status: "revoked", revokedAt: new Date("2026-11-20T10:15:00Z"), revokedReason: "revoked" }, "This token is revoked", "It was revoked 2026-11-20 10:15 UTC, so players presenting it are refused"],
    ["revoked with its key", { status: "revoked", revokedAt: new Date("2026-11-20T10:15:00Z"), revokedReason: "key_revoked" }, "This token is revoked", "because the key that signed it was revoked"],
    ["expired", { status: "expired" }, "This token has expired", "It expired 2026-11-22 18:27 UTC, so players presenting it are refused"],
  ] as const)("does not offer a %s token for copying: says why and links to a new one", (_name, change, title, why) => {
    render(<PlayerConfiguration token={{ ...base, ref: "pgr_0123456789abcdef0123456789abcdef", ...change }} canCreate />);
    expect(within(section()).getByText(title)).toBeTruthy();
    expect(section().textContent).toContain(why);
    expect(within(section()).queryByRole("textbox")).toBeNull();
    expect(section().textContent).not.toContain("aaa.bbb.ccc");
    expect(within(section()).queryByRole("button", { name: "Copy Short reference" })).toBeNull();
    expect(within(section()).getByRole("link", { name: "Create a new token" }).getAttribute("href")).toBe("/secure/token");
  });

  it("tells someone who cannot create tokens whom to ask", () => {
    render(<PlayerConfiguration token={{ ...base, status: "expired" }} canCreate={false} />);
    expect(within(section()).queryByRole("link")).toBeNull();
    expect(section().textContent).toContain("ask someone who can create tokens");
  });
});
