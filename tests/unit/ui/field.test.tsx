// @vitest-environment jsdom
import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import "./setup";
import { Input, Select } from "@/components/ui/field";

describe("Field", () => {
  it("wires hint and error to the control and keeps what was typed", () => {
    render(<Input label="Domain" name="domain" defaultValue="example..com" hint="Host or *.host" error={["Not a valid host name"]} />);
    const input = screen.getByLabelText("Domain") as HTMLInputElement;
    expect(input.value).toBe("example..com");
    expect(input.getAttribute("aria-invalid")).toBe("true");
    const described = input.getAttribute("aria-describedby")!.split(" ").map((id) => document.getElementById(id)?.textContent);
    expect(described).toEqual(["Host or *.host", "Not a valid host name"]);
  });

  it("is not marked invalid without an error", () => {
    render(<Select label="Role" name="role" options={[{ value: "user", label: "User" }]} />);
    const select = screen.getByLabelText("Role");
    expect(select.getAttribute("aria-invalid")).toBeNull();
    expect(select.getAttribute("aria-describedby")).toBeNull();
  });
});
