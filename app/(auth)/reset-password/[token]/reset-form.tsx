"use client";
import { useCreateAccount } from "@/components/forms/use-create-account";
import { Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { MIN_PASSWORD_LENGTH } from "@/lib/validation/limits";
import { resetPasswordAction } from "./actions";

/** Sets the new password, then signs in with it (the same flow as accepting an invitation). */
export function ResetPasswordForm({ token, email }: { token: string; email: string }) {
  const { failed, pending, onSubmit } = useCreateAccount(resetPasswordAction, "Could not change your password. Try again.");
  return (
    <form method="post" onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      {/* For password managers: the account this password belongs to. Not sent (no name). */}
      <input type="email" autoComplete="username" value={email} readOnly hidden aria-hidden="true" tabIndex={-1} />
      <FormError error={failed && !failed.fields ? failed.message : null} />
      <Input
        label="New password"
        name="password"
        type="password"
        required
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={failed?.fields?.password}
      />
      <Button type="submit" className="w-full" pending={pending} pendingLabel="Changing your password…">
        Set password and sign in
      </Button>
    </form>
  );
}
