"use client";
// The admin's blocking-webhook form: URL, what a failed answer means, timeout. Checked against
// SSRF on the server at save; an error that belongs to a field shows only under that field.
import { Input, Select } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormError } from "@/components/ui/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { SavedWithSecret } from "@/components/organisation/one-time-secret-dialog";
import { saveBlockingWebhookAction } from "./actions";

const ON_FAILURE = [
  { value: "false", label: "Refuse it (fail closed)" },
  { value: "true", label: "Let it go ahead (fail open)" },
] as const;

export function BlockingWebhookForm({ url, failOpen, timeoutMs }: { url: string; failOpen: boolean; timeoutMs: number }) {
  const { state, pending, onSubmit, formError, fieldError } = useActionForm(saveBlockingWebhookAction);
  const values = state && !state.ok ? (state.values as Record<string, string | undefined>) : undefined;
  const onField = Boolean(fieldError("url") || fieldError("failOpen") || fieldError("timeoutMs"));
  return (
    <>
      <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
        <FormError error={onField ? null : formError} />
        <Input
          name="url"
          type="url"
          label="Blocking webhook URL"
          optional
          placeholder="https://hooks.example.com/nanostream"
          defaultValue={values?.url ?? url}
          error={fieldError("url")}
          hint="Leave empty to turn it off. HTTPS only; private, loopback and link-local addresses are refused, and redirects are not followed."
          inputMode="url"
          autoComplete="off"
        />
        <div className="grid gap-5 sm:grid-cols-2">
          <Select
            name="failOpen"
            label="When it does not answer 200 or 403 in time"
            defaultValue={values?.failOpen ?? String(failOpen)}
            error={fieldError("failOpen")}
            options={ON_FAILURE}
          />
          <Input
            name="timeoutMs"
            label="Timeout (milliseconds)"
            inputMode="numeric"
            defaultValue={values?.timeoutMs ?? String(timeoutMs)}
            error={fieldError("timeoutMs")}
            hint="250 to 10000; 2000 unless you change it."
          />
        </div>
        <SubmitButton pending={pending} pendingLabel="Saving…">Save blocking webhook</SubmitButton>
      </form>
      <SavedWithSecret state={state} />
    </>
  );
}
