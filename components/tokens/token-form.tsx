"use client";
// The one token creation form, used by /secure/token and the inline token dialog. Both submit
// to the same server action (createTokenAction, handed down by the page as `action`); the caller
// decides what happens after.
import { useEffect, useId, useState } from "react";
import Link from "next/link";
import { useActionForm } from "@/components/forms/use-action-form";
import { Input, Select, Textarea, type FieldError } from "@/components/ui/field";
import { Checkbox } from "@/components/ui/checkbox";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import type { ActionState } from "@/lib/actions";
import { UtcDateTimeInput } from "./utc-datetime-input";

export type TokenStreamOption = { id: string; name: string; streamNames: string[] };
export type CreatedToken = { id: string; token: string; expiresAt: string | Date };
/** The server action that creates a token (app/(dashboard)/secure/token/actions.ts). */
export type CreateTokenAction = (prev: ActionState<never>, input: FormData) => Promise<ActionState<CreatedToken>>;
type Target = "group" | "streams" | "org";

export type TokenFormProps = {
  streams: readonly TokenStreamOption[];
  /** The organisation has too many streams to list: stream ID and names are typed instead. */
  typed?: boolean;
  /** now + 2 weeks as UTC date-time text, computed on the server (no hydration drift). */
  defaultExpiresAt: string;
  defaultTarget?: Target;
  defaultGroupId?: string;
  /** Without the Secure Playback package: shown but not usable (the server refuses anyway). */
  disabled?: boolean;
  onCreated: (token: CreatedToken) => void;
  action: CreateTokenAction;
};

const TARGETS: { value: Target; label: string; hint: string }[] = [
  { value: "group", label: "Stream group", hint: "Every rendition of one stream, by its stream ID (groupid)." },
  { value: "streams", label: "Stream names", hint: "Only the stream names you pick." },
  { value: "org", label: "Whole organisation", hint: "Every stream of the organisation, now and later." },
];

function ErrorText({ id, error }: { id: string; error: FieldError }) {
  if (!error || error.length === 0) return null;
  return <p id={id} className="text-xs font-medium text-red-700">{typeof error === "string" ? error : error.join(" ")}</p>;
}

export function TokenForm({ streams, typed = false, defaultExpiresAt, defaultTarget = "group", defaultGroupId, disabled = false, onCreated, action }: TokenFormProps) {
  const { state, pending, onSubmit, formError, fieldError } = useActionForm(action as (prev: ActionState<CreatedToken>, input: FormData) => Promise<ActionState<CreatedToken>>);
  // With no stream to pick, a stream-group token cannot be made: start on the whole organisation.
  const noStreams = !typed && streams.length === 0;
  const [target, setTarget] = useState<Target>(noStreams && defaultTarget === "group" && !defaultGroupId ? "org" : defaultTarget);
  const ids = useId();
  useEffect(() => {
    if (state?.ok && state.data) onCreated(state.data as CreatedToken);
    // Only a new answer from the server should trigger this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [state]);
  const failed = state && !state.ok ? state : null;
  const hasFieldErrors = Boolean(failed?.fields && Object.keys(failed.fields).length);

  return (
    <form method="post" onSubmit={onSubmit} noValidate className="space-y-6">
      <FormError error={failed && !(failed.code === "invalid" && hasFieldErrors) ? formError : null} />
      {failed?.code === "invalid" && hasFieldErrors ? <FormError error="Some fields need attention; see the messages below." /> : null}
      <fieldset disabled={disabled} className="space-y-6 disabled:opacity-70">
        <fieldset className="space-y-3" aria-describedby={fieldError("target") ? `${ids}-target-error` : undefined}>
          <legend className="text-sm font-medium text-slate-800">Token target</legend>
          <div className="grid gap-2 sm:grid-cols-3">
            {TARGETS.map((t) => (
              <label key={t.value} className="flex cursor-pointer gap-3 rounded-lg border border-slate-300 p-3 has-checked:border-accent-600 has-checked:bg-accent-50">
                <input type="radio" name="target" value={t.value} checked={target === t.value} onChange={() => setTarget(t.value)} className="mt-0.5 size-4 accent-accent-600" />
                <span>
                  <span className="block text-sm font-medium text-slate-900">{t.label}</span>
                  <span className="block text-xs text-slate-600">{t.hint}</span>
                </span>
              </label>
            ))}
          </div>
          <ErrorText id={`${ids}-target-error`} error={fieldError("target")} />
        </fieldset>

        {/* Inactive targets are disabled, so they neither post nor lose what was picked in them. */}
        <fieldset disabled={target !== "group"} hidden={target !== "group"}>
          {typed ? (
            <Input label="Stream ID" name="groupid" defaultValue={defaultGroupId} placeholder="grp_…" error={fieldError("groupid")} hint="Enter the stream ID (groupid) shown on the Streams page." />
          ) : streams.length ? (
            <Select label="Stream" name="groupid" defaultValue={defaultGroupId ?? streams[0]?.id} error={fieldError("groupid")} options={streams.map((s) => ({ value: s.id, label: `${s.name} (${s.id})` }))} />
          ) : (
            <p className="text-sm text-slate-700">
              Your organisation has no streams yet.{" "}
              <Link prefetch={false} href="/streams" className="font-medium text-accent-700 underline underline-offset-2">Create a stream</Link>{" "}
              to make a token for it, or choose Whole organisation: that token plays every stream, including those made later.
            </p>
          )}
        </fieldset>

        <fieldset disabled={target !== "streams"} hidden={target !== "streams"} className="space-y-2" aria-describedby={fieldError("streams") ? `${ids}-streams-error` : undefined}>
          <legend className="text-sm font-medium text-slate-800">Stream names</legend>
          {typed ? (
            <Textarea label="Stream names to allow" name="streams" rows={3} error={fieldError("streams")} hint="One per line or separated by commas, as shown on each stream's page." />
          ) : streams.some((s) => s.streamNames.length) ? (
            <div className="max-h-64 space-y-3 overflow-y-auto rounded-lg border border-slate-300 p-3">
              {streams.filter((s) => s.streamNames.length).map((s) => (
                <div key={s.id}>
                  <p className="mb-1 text-xs font-semibold text-slate-600">{s.name}</p>
                  <div className="space-y-1.5">
                    {s.streamNames.map((n) => (
                      // Marked invalid with the group's message, so a refused submit focuses the first one and reads why.
                      <Checkbox key={n} name="streams" value={n} label={<span className="font-mono wrap-anywhere">{n}</span>}
                        aria-invalid={fieldError("streams") ? true : undefined} aria-describedby={fieldError("streams") ? `${ids}-streams-error` : undefined} />
                    ))}
                  </div>
                </div>
              ))}
            </div>
          ) : (
            <p className="text-sm text-slate-600">Your organisation has no stream names yet.</p>
          )}
          <ErrorText id={`${ids}-streams-error`} error={fieldError("streams")} />
        </fieldset>

        <div className="grid gap-4 sm:grid-cols-2">
          <UtcDateTimeInput label="Expiration" name="expiresAt" defaultValue={defaultExpiresAt} error={fieldError("expiresAt")} hint="Filled in with 2 weeks from now; at most 365 days ahead." />
          <UtcDateTimeInput label="Not before" name="notBefore" optional error={fieldError("notBefore")} hint="The token does not work before this time." />
          <Input label="Client IP" name="ip" optional placeholder="203.0.113.7 or 203.0.113.0/24" error={fieldError("ip")} hint="Only players from this address or range." />
          <Input label="Domain" name="domain" optional placeholder="player.example.com or *.example.com" error={fieldError("domain")} hint="Only players on pages of this host." />
          <Input label="UserID" name="user" optional error={fieldError("user")} hint="Identifies the viewer; lets you revoke all their tokens." />
          <Input label="Tag" name="tag" optional error={fieldError("tag")} hint="One tag to track and bulk-revoke tokens." />
        </div>

        <div className="space-y-1">
          {/* Given an id so its description can name the hint and, after a refusal, the message. */}
          <Checkbox
            id={`${ids}-mediamtx`}
            name="mediamtx"
            label="Add MediaMTX permissions (read on this token's streams)"
            hint="For MediaMTX's authMethod: jwt, which checks the token against the JWKS alone: adds mediamtx_permissions with read on each stream name. Not for a whole-organisation token."
            aria-invalid={fieldError("mediamtx") ? true : undefined}
            aria-describedby={fieldError("mediamtx") ? `${ids}-mediamtx-hint ${ids}-mediamtx-error` : `${ids}-mediamtx-hint`}
          />
          <ErrorText id={`${ids}-mediamtx-error`} error={fieldError("mediamtx")} />
        </div>
      </fieldset>
      <Button type="submit" pending={pending} pendingLabel="Creating…" disabled={disabled}>
        Create new token
      </Button>
    </form>
  );
}
