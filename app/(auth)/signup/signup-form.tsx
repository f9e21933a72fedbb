"use client";
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import type { ActionState } from "@/lib/actions";
import { MIN_PASSWORD_LENGTH } from "@/lib/validation/limits";
import { signupAction } from "./actions";

export function SignupForm() {
  const router = useRouter();
  const [state, setState] = useState<ActionState>(undefined);
  const [pending, setPending] = useState(false);
  const failed = state && !state.ok ? state : null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await signupAction(undefined, form).catch(() => ({ ok: false as const, code: "error" as const, message: "Sign-up failed. Try again." }));
    setState(result);
    if (result?.ok) {
      // The account exists: sign in with what was just typed, then open the new organisation.
      const login = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
      if (login?.ok && !login.error) {
        router.replace("/organisation/overview");
        router.refresh();
        return;
      }
      router.replace("/login");
    }
    setPending(false);
  }

  return (
    <form method="post" onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <FormError error={failed && (failed.code !== "invalid" || !failed.fields) ? failed.message : null} />
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
