"use client";
// Sign-up, invitation acceptance and a password reset link each set a password with a server
// action, then sign in with it and open the organisation, where the server's message ("Welcome! …")
// greets them as a toast. The email is the one typed, or the one the action answers with (a reset
// link's form has no email field).
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import type { ActionState } from "@/lib/actions";
import { flashToast } from "@/components/ui/toast";
import { useFocusFirstInvalid } from "./use-focus-first-invalid";

export function useCreateAccount<T>(action: (prev: ActionState<T>, input: FormData) => Promise<ActionState<T>>, fallbackMessage: string) {
  const router = useRouter();
  const [state, setState] = useState<ActionState<T>>(undefined);
  const [pending, setPending] = useState(false);
  const failed = state && !state.ok ? state : null;
  const submittedFormRef = useFocusFirstInvalid(failed);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submittedFormRef.current = event.currentTarget;
    const form = new FormData(event.currentTarget);
    setPending(true);
    const result = await action(undefined, form).catch(() => ({ ok: false as const, code: "error" as const, message: fallbackMessage }));
    setState(result);
    if (result?.ok) {
      const answered = (result.data as { email?: unknown } | undefined)?.email;
      const email = typeof answered === "string" ? answered : form.get("email");
      const login = await signIn("credentials", { email, password: form.get("password"), redirect: false });
      if (login?.ok && !login.error) {
        if (result.message) flashToast(result.message);
        router.replace("/organisation/overview");
        router.refresh();
        return;
      }
      router.replace("/login");
      return;
    }
    setPending(false);
  }

  return { failed, pending, onSubmit };
}
