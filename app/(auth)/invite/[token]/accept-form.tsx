"use client";
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import type { ActionState } from "@/lib/actions";
import { MIN_PASSWORD_LENGTH } from "@/lib/validation/limits";
import { acceptInvitationAction } from "./actions";

export function AcceptInvitationForm({ token }: { token: string }) {
  const router = useRouter();
  const [state, setState] = useState<ActionState>(undefined);
  const [pending, setPending] = useState(false);
  const failed = state && !state.ok ? state : null;

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await acceptInvitationAction(undefined, form).catch(() => ({ ok: false as const, code: "error" as const, message: "Could not create your account. Try again." }));
    setState(result);
    if (result?.ok) {
      // The account exists: sign in with what was just typed and open the organisation.
      const login = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
      if (login?.ok && !login.error) {
        router.replace("/organisation/overview");
        router.refresh();
        return;
      }
      router.replace("/login");
      return;
    }
    setPending(false);
  }

  return (
    <form method="post" onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <input type="hidden" name="token" value={token} />
      <FormError error={failed && (failed.code !== "invalid" || !failed.fields) ? failed.message : null} />
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
