"use client";
// "Test this token": the authorize endpoint's decision for a stream, client IP and origin, so a
// user can see why a player would be refused before a viewer finds out.
import { useActionForm } from "@/components/forms/use-action-form";
import { Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { FormError } from "@/components/ui/form-error";
import { testTokenAction } from "../actions";

type Decision = { allowed: true; stream: string } | { allowed: false; reason: string; message: string };

export function TestTokenForm({ id, defaultStream }: { id: string; defaultStream?: string }) {
  const { state, pending, onSubmit, formError, fieldError } = useActionForm(testTokenAction);
  const decision = state?.ok ? (state.data as Decision | undefined) : undefined;
  const failed = state && !state.ok ? state : null;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="id" value={id} />
      <FormError error={failed && !failed.fields ? formError : null} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Input label="Stream name" name="stream" defaultValue={defaultStream} required error={fieldError("stream")} />
        <Input label="Client IP" name="ip" optional placeholder="203.0.113.7" error={fieldError("ip")} />
        <Input label="Origin" name="origin" optional placeholder="https://player.example.com" error={fieldError("origin")} />
      </div>
      <Button type="submit" variant="secondary" pending={pending} pendingLabel="Checking…">Test this token</Button>
      <div aria-live="polite">
        {decision ? (
          decision.allowed ? (
            <Callout tone="success" title="Allowed">An edge asking now would let this player play <code>{decision.stream}</code>.</Callout>
          ) : (
            <Callout tone="danger" title={`Denied: ${decision.reason}`}>{decision.message}</Callout>
          )
        ) : null}
      </div>
    </form>
  );
}
