"use client";
// Generate an invitation link for a role. The link is shown once, in a dialog with a copy button:
// only its hash is stored, so it cannot be shown again.
import { useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import type { ActionState } from "@/lib/actions";
import { useFocusFirstInvalid } from "@/components/forms/use-focus-first-invalid";
import { Select } from "@/components/ui/field";
import { SubmitButton } from "@/components/ui/submit-button";
import { FormError } from "@/components/ui/form-error";
import { Dialog } from "@/components/ui/dialog";
import { CopyField } from "@/components/ui/copy-field";
import { Callout } from "@/components/ui/callout";
import { Button } from "@/components/ui/button";
import { formatUtc } from "@/lib/datetime";
import { ROLE_LABELS, ROLE_SUMMARIES, ROLES, type Role } from "@/lib/permissions";
import { DEFAULT_INVITATION_EXPIRY_DAYS, INVITATION_EXPIRY_DAYS } from "@/lib/validation/limits";
import { createInvitationAction } from "./actions";

type Created = { url: string; role: Role; expiresAt: string };

export function InvitePanel() {
  const router = useRouter();
  const [state, setState] = useState<ActionState<Created>>(undefined);
  const [pending, startTransition] = useTransition();
  const [role, setRole] = useState<Role>("user");
  const [shown, setShown] = useState<Created | null>(null);
  const failed = state && !state.ok ? state : null;
  const fieldError = (name: string) => failed?.fields?.[name];
  const submittedFormRef = useFocusFirstInvalid(failed);

  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submittedFormRef.current = event.currentTarget;
    const data = new FormData(event.currentTarget);
    startTransition(async () => {
      const result = await createInvitationAction(undefined, data).catch(() => ({ ok: false as const, code: "error" as const, message: "Something went wrong. Try again." }));
      setState(result);
      if (result?.ok && result.data) {
        setShown(result.data);
        router.refresh();
      }
    });
  }

  return (
    <>
      <form method="post" onSubmit={onSubmit} className="grid gap-4 sm:grid-cols-[1fr_12rem_auto] sm:items-start">
        <div className="sm:col-span-3"><FormError error={failed && !failed.fields ? failed.message : null} /></div>
        <Select label="Role" name="role" value={role} onChange={(e) => setRole(e.target.value as Role)} hint={ROLE_SUMMARIES[role]} error={fieldError("role")}
          options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
        <Select label="Link expires after" name="expiresInDays" defaultValue={String(DEFAULT_INVITATION_EXPIRY_DAYS)} error={fieldError("expiresInDays")}
          options={INVITATION_EXPIRY_DAYS.map((d) => ({ value: String(d), label: d === 1 ? "1 day" : `${d} days` }))} />
        <div className="sm:pt-6">
          <SubmitButton pending={pending} pendingLabel="Generating…" className="w-full sm:w-auto">Generate invitation link</SubmitButton>
        </div>
      </form>
      <Dialog title="Invitation link" open={shown !== null} onOpenChange={(open) => { if (!open) setShown(null); }}>
        {(close) =>
          shown ? (
            <div className="space-y-4">
              <CopyField wrap label={`Invitation link (${ROLE_LABELS[shown.role]})`} value={shown.url} hint={`Single use. Expires ${formatUtc(shown.expiresAt)}.`} />
              <Callout tone="warning" title="Shown only once">Copy it now and send it privately. Anyone with the link can join as {ROLE_LABELS[shown.role]}.</Callout>
              <div className="flex justify-end">
                <Button onClick={close}>Done</Button>
              </div>
            </div>
          ) : null
        }
      </Dialog>
    </>
  );
}
