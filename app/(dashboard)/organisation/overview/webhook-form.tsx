"use client";
// The admin's webhook form: URL, events, enabled. Checked against SSRF on the server at save.
// An error that belongs to a field shows only under that field; the banner is for the rest.
import { Input } from "@/components/ui/field";
import { Checkbox } from "@/components/ui/checkbox";
import { Switch } from "@/components/ui/switch";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormError } from "@/components/ui/form-error";
import { useActionForm } from "@/components/forms/use-action-form";
import { SavedWithSecret } from "@/components/organisation/one-time-secret-dialog";
import { WEBHOOK_EVENTS } from "@/lib/validation/limits";
import { saveWebhookAction } from "./actions";

export function WebhookForm({ url, events, enabled }: { url: string; events: readonly string[]; enabled: boolean }) {
  const { state, pending, onSubmit, formError, fieldError } = useActionForm(saveWebhookAction);
  const values = state && !state.ok ? state.values : undefined;
  const onField = Boolean(fieldError("url") || fieldError("events"));
  return (
    <>
      <form method="post" onSubmit={onSubmit} className="space-y-5" noValidate>
        <FormError error={onField ? null : formError} />
        <Input
          name="url"
          type="url"
          label="Endpoint URL"
          placeholder="https://hooks.example.com/playgate"
          defaultValue={values?.url ?? url}
          error={fieldError("url")}
          hint="HTTPS only. Private, loopback and link-local addresses are refused, and redirects are not followed."
          inputMode="url"
          autoComplete="off"
        />
        <fieldset className="space-y-3">
          <legend className="text-sm font-medium text-slate-800">Events to send</legend>
          <div className="grid gap-3 sm:grid-cols-2">
            {WEBHOOK_EVENTS.map((event) => (
              <Checkbox key={event.id} name="events" value={event.id} defaultChecked={events.includes(event.id)} label={<><span className="font-mono">{event.id}</span> <span className="font-normal text-slate-600">— {event.label}</span></>} />
            ))}
          </div>
          {fieldError("events") ? <p className="text-sm text-red-700">{fieldError("events")?.[0]}</p> : null}
        </fieldset>
        <Switch name="enabled" label="Send events" hint="When off, nothing is queued; the settings stay." defaultChecked={enabled} />
        <SubmitButton pending={pending} pendingLabel="Saving…">Save webhook</SubmitButton>
      </form>
      <SavedWithSecret state={state} />
    </>
  );
}
