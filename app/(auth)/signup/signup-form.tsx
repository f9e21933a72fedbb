"use client";
import { useCreateAccount } from "@/components/forms/use-create-account";
import { Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { MIN_PASSWORD_LENGTH } from "@/lib/validation/limits";
import { signupAction } from "./actions";

export function SignupForm() {
  const { failed, pending, onSubmit } = useCreateAccount(signupAction, "Sign-up failed. Try again.");

  return (
    <form method="post" onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <FormError error={failed && !failed.fields ? failed.message : null} />
      <Input label="Organisation name" name="organisation" required autoComplete="organization" error={failed?.fields?.organisation} />
      <Input label="Your name" name="name" autoComplete="name" optional error={failed?.fields?.name} />
      <Input label="Email" name="email" type="email" required autoComplete="email" error={failed?.fields?.email} />
      <Input
        label="Password"
        name="password"
        type="password"
        required
        autoComplete="new-password"
        hint={`At least ${MIN_PASSWORD_LENGTH} characters.`}
        error={failed?.fields?.password}
      />
      <Button type="submit" className="w-full" pending={pending} pendingLabel="Creating…">
        Create organisation
      </Button>
    </form>
  );
}
