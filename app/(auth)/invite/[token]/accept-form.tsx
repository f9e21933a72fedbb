"use client";
import { useCreateAccount } from "@/components/forms/use-create-account";
import { Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { MIN_PASSWORD_LENGTH } from "@/lib/validation/limits";
import { acceptInvitationAction } from "./actions";

export function AcceptInvitationForm({ token }: { token: string }) {
  const { failed, pending, onSubmit } = useCreateAccount(acceptInvitationAction, "Could not create your account. Try again.");

  return (
    <form method="post" onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <FormError error={failed && !failed.fields ? failed.message : null} />
      <Input label="Email" name="email" type="email" required autoComplete="email" defaultValue={failed?.values?.email} error={failed?.fields?.email} />
      <Input label="Your name" name="name" autoComplete="name" optional defaultValue={failed?.values?.name} error={failed?.fields?.name} />
      <Input
        label="Password"
        name="password"
        type="password"
        required
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={failed?.fields?.password}
      />
      <Button type="submit" className="w-full" pending={pending} pendingLabel="Creating your account…">
        Create account and join
      </Button>
    </form>
  );
}
