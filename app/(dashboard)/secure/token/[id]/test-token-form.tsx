"use client";
// "Test this token": the authorize endpoint's decision for a stream, client IP and origin, so a
// user can see why a player would be refused before a viewer finds out. A typo in a field is an
// error next to that field (the action checks the inputs), never a "Denied". A denial lists every
// reason (a wrong IP and a wrong origin both), as the authorize endpoint's `reasons` does.
import { useActionForm } from "@/components/forms/use-action-form";
import { Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { FormError } from "@/components/ui/form-error";
import { testTokenAction, type TokenTestResult } from "../actions";

/** The token's restrictions, so the fields can say what it needs. */
type Restrictions = { ip?: string | null; domain?: string | null };

export function TestTokenForm({ id, defaultStream, restrictions = {} }: { id: string; defaultStream?: string; restrictions?: Restrictions }) {
  const { state, pending, onSubmit, formError, fieldError } = useActionForm(testTokenAction);
  const decision = state?.ok ? (state.data as TokenTestResult | undefined) : undefined;
  const failed = state && !state.ok ? state : null;
  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-4">
      <input type="hidden" name="id" value={id} />
      <FormError error={failed && !failed.fields ? formError : null} />
      <div className="grid gap-4 sm:grid-cols-3">
        <Input label="Stream name" name="stream" defaultValue={defaultStream} required error={fieldError("stream")} />
        <Input
          label="Client IP"
          name="ip"
          optional
          placeholder="203.0.113.7"
          hint={restrictions.ip ? `The viewer's address; this token only plays from ${restrictions.ip}.` : "The viewer's address."}
          error={fieldError("ip")}
        />
        <Input
          label="Origin"
          name="origin"
          optional
          placeholder="https://player.example.com"
          hint={restrictions.domain ? `The player page's origin; this token only plays on ${restrictions.domain}.` : "The player page's origin."}
          error={fieldError("origin")}
        />
      </div>
      <Button type="submit" variant="secondary" pending={pending} pendingLabel="Checking…">Test this token</Button>
      <div aria-live="polite">
        {decision ? (
          decision.allowed ? (
            <Callout tone="success" title="Allowed">An edge asking now would let this player play <code>{decision.stream}</code>.</Callout>
          ) : (
            <Callout tone="danger" title={decision.reasons.length > 1 ? `Denied, for ${decision.reasons.length} reasons` : "Denied"}>
              {/* Every reason, each with the code the authorize endpoint answers, for whoever reads the edge's logs. */}
              <ul className={decision.reasons.length > 1 ? "list-disc space-y-2 pl-5" : ""}>
                {decision.reasons.map(({ reason, explanation }) => (
                  <li key={reason}>
                    <p>{explanation}</p>
                    <p className="mt-1 text-xs opacity-80">Reason code <code>{reason}</code></p>
                  </li>
                ))}
              </ul>
            </Callout>
          )
        ) : null}
      </div>
    </form>
  );
}
