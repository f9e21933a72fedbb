"use client";
import { useState, useTransition, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useToast } from "@/components/ui/toast";
import type { ActionState } from "@/lib/actions";
import { useFocusFirstInvalid } from "@/components/forms/use-focus-first-invalid";
import { MIN_PASSWORD_LENGTH } from "@/lib/validation/limits";
import { changePasswordAction, resetOwnTokenAction, updateProfileAction } from "./actions";

type Action = (prev: ActionState, input: FormData) => Promise<ActionState>;

/** Submits a form to an action; on success toasts, refreshes and optionally clears the form. */
function useSubmit(action: Action, { reset = false } = {}) {
  const router = useRouter();
  const { toast } = useToast();
  const [state, setState] = useState<ActionState>(undefined);
  const [pending, startTransition] = useTransition();
  const failed = state && !state.ok ? state : null;
  const submittedFormRef = useFocusFirstInvalid(failed);
  function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = event.currentTarget;
    submittedFormRef.current = form;
    const data = new FormData(form);
    startTransition(async () => {
      const result = await action(undefined, data).catch(() => ({ ok: false as const, code: "error" as const, message: "Something went wrong. Try again." }));
      setState(result);
      if (result?.ok) {
        toast(result.message ?? "Saved", { tone: "success" });
        if (reset) form.reset();
        router.refresh();
      }
    });
  }
  return { onSubmit, pending, formError: failed && !failed.fields ? failed.message : null, fieldError: (n: string) => failed?.fields?.[n] };
}

export function ProfileForm({ name, email }: { name: string; email: string }) {
  const f = useSubmit(updateProfileAction);
  return (
    <form method="post" onSubmit={f.onSubmit} className="max-w-md space-y-4" noValidate>
      <FormError error={f.formError} />
      <Input label="Email" value={email} readOnly hint="Your sign-in name; it cannot be changed here." />
      <Input label="Name" name="name" defaultValue={name} autoComplete="name" optional error={f.fieldError("name")} />
      <Button type="submit" pending={f.pending} pendingLabel="Saving…">Save name</Button>
    </form>
  );
}

export function PasswordForm() {
  const f = useSubmit(changePasswordAction, { reset: true });
  return (
    <form method="post" onSubmit={f.onSubmit} className="max-w-md space-y-4" noValidate>
      <FormError error={f.formError} />
      <Input label="Current password" name="currentPassword" type="password" autoComplete="current-password" required error={f.fieldError("currentPassword")} />
      <Input label="New password" name="newPassword" type="password" autoComplete="new-password" required hint={`At least ${MIN_PASSWORD_LENGTH} characters.`} error={f.fieldError("newPassword")} />
      <Input label="Confirm new password" name="confirmPassword" type="password" autoComplete="new-password" required error={f.fieldError("confirmPassword")} />
      <Button type="submit" pending={f.pending} pendingLabel="Changing…">Change password</Button>
    </form>
  );
}

export function ResetOwnTokenButton() {
  const router = useRouter();
  const { toast } = useToast();
  return (
    <ConfirmDialog
      verb="Reset"
      target="your token key"
      plainTarget
      trigger="Reset my token key"
      triggerVariant="secondary"
      triggerSize="md"
      confirmLabel="Reset token key"
      pendingLabel="Resetting…"
      consequence="Every other session ends, and your session API token is replaced: scripts using the old one get 401 until you give them the new one from the Organisation page. This browser stays signed in."
      onConfirm={async () => {
        const result = await resetOwnTokenAction(undefined, new FormData()).catch(() => null);
        if (!result?.ok) return { error: result?.message ?? "Something went wrong. Try again." };
        toast(result.message ?? "Token key reset", { tone: "success" });
        router.refresh();
      }}
    />
  );
}
