"use client";
// The admin's misuse lines: how many addresses an hour and viewers at once a token may have before
// it is flagged as shared or leaked. Errors show under their field; what was typed is kept.
import { Input } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormError } from "@/components/ui/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { saveMisuseLinesAction } from "./actions";

export function MisuseForm({ maxAddresses, maxViewers }: { maxAddresses: number; maxViewers: number }) {
  const { state, pending, onSubmit, formError, fieldError } = useActionForm(saveMisuseLinesAction);
  const values = state && !state.ok ? (state.values as Record<string, string | undefined>) : undefined;
  const onField = Boolean(fieldError("maxAddresses") || fieldError("maxViewers"));
  return (
    <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
      <FormError error={onField ? null : formError} />
      <div className="grid gap-5 sm:grid-cols-2">
        <Input name="maxAddresses" label="Addresses per token in an hour" inputMode="numeric" defaultValue={values?.maxAddresses ?? String(maxAddresses)} error={fieldError("maxAddresses")} hint="Flag a token checked from more distinct client addresses than this within an hour (1 to 1000; 3 unless changed)." />
        <Input name="maxViewers" label="Viewers per token at once" inputMode="numeric" defaultValue={values?.maxViewers ?? String(maxViewers)} error={fieldError("maxViewers")} hint="Flag a token with more viewers at once, on different addresses (1 to 1000; 2 unless changed)." />
      </div>
      <SubmitButton pending={pending} pendingLabel="Saving…">Save misuse lines</SubmitButton>
    </form>
  );
}
