// @vitest-environment jsdom
// A submission answered with field errors moves focus to the first field that needs attention,
// whose label and message a screen reader then reads; one answered with a form-level error
// leaves focus where it was (the alert announces itself).
import { fireEvent, render, screen, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import "./setup";
import { useActionForm } from "@/components/forms/use-action-form";
import { Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import type { ActionState } from "@/lib/actions";

function Demo({ answer }: { answer: ActionState }) {
  const { onSubmit, fieldError, formError, state } = useActionForm(async () => answer);
  return (
    <form onSubmit={onSubmit}>
      <FormError error={state && !state.ok && !state.fields ? formError : null} />
      <Input label="Name" name="name" defaultValue="Ana" error={fieldError("name")} />
      <Input label="Email" name="email" defaultValue="not-an-email" error={fieldError("email")} />
      <Button type="submit">Save</Button>
    </form>
  );
}

describe("forms after a refused submission", () => {
  it("focus lands on the first field with an error, which carries its message", async () => {
    render(<Demo answer={{ ok: false, code: "invalid", message: "Check the fields.", fields: { email: ["Enter an email address like ana@example.com."] } }} />);
    const save = screen.getByRole("button", { name: "Save" });
    save.focus();
    fireEvent.click(save);
    const email = screen.getByLabelText("Email");
    await waitFor(() => expect(document.activeElement).toBe(email));
    expect(email.getAttribute("aria-invalid")).toBe("true");
    expect(email.getAttribute("aria-describedby")).toBeTruthy();
    expect(document.getElementById(email.getAttribute("aria-describedby")!.split(" ").pop()!)?.textContent).toContain("Enter an email address");
    expect((email as HTMLInputElement).value).toBe("not-an-email");
  });

  it("a form-level error is an alert and focus stays on the button", async () => {
    render(<Demo answer={{ ok: false, code: "error", message: "The server is busy. Try again." }} />);
    const save = screen.getByRole("button", { name: "Save" });
    save.focus();
    fireEvent.click(save);
    await screen.findByRole("alert");
    expect(document.activeElement).toBe(save);
  });
});
