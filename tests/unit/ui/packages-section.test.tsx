// @vitest-environment jsdom
// Enabled packages: admins see the operator's command for each missing package (it is what they
// pass on to the operator); users and read-only members, who cannot act on it, are told whom to ask.
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import "./setup";
import { PACKAGE_IDS } from "@/lib/packages";
import { PackagesSection } from "@/app/(dashboard)/organisation/overview/packages-section";

const missing = PACKAGE_IDS.length - 1;

describe("PackagesSection", () => {
  it("shows admins the operator command for every package that needs an upgrade", () => {
    render(<PackagesSection orgName="Demo Streaming Co" enabled={["vod"]} role="admin" />);
    expect(screen.getAllByText("Upgrade needed")).toHaveLength(missing);
    expect(screen.getByText('npm run org -- package enable "Demo Streaming Co" metadata')).toBeTruthy();
    expect(screen.queryByText(/Ask an administrator/)).toBeNull();
  });

  it.each(["user", "readonly"] as const)("tells a %s to ask an administrator, without the command", (role) => {
    const { container } = render(<PackagesSection orgName="Demo Streaming Co" enabled={["vod"]} role={role} />);
    expect(screen.getAllByText("Upgrade needed")).toHaveLength(missing);
    expect(screen.getAllByText("Ask an administrator of your organisation to enable it.")).toHaveLength(missing);
    expect(container.textContent).not.toContain("npm run org");
    expect(container.querySelector("code")).toBeNull();
  });
});
