"use client";
import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import { signIn } from "next-auth/react";
import { Input } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useFocusFirstInvalid } from "@/components/forms/use-focus-first-invalid";

const MESSAGES = {
  invalid: "Email or password is incorrect. Check both and try again.",
  rate_limited: "Too many failed sign-ins. Wait a few minutes, then try again.",
  error: "Sign-in is unavailable right now. Try again in a moment.",
} as const;

type ErrorKind = keyof typeof MESSAGES;

export function LoginForm({ next, initialError }: { next: string; initialError: ErrorKind | null }) {
  const router = useRouter();
  const [error, setError] = useState<ErrorKind | null>(initialError);
  const [pending, setPending] = useState(false);
  // Empty fields are answered here, next to the field, without asking the server; focus moves to
  // the first one once its message is on the page (useFocusFirstInvalid).
  const [missing, setMissing] = useState<{ fields: { email?: string; password?: string } } | null>(null);
  const submittedFormRef = useFocusFirstInvalid(missing);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    submittedFormRef.current = event.currentTarget;
    const form = new FormData(event.currentTarget);
    const empty = {
      ...(String(form.get("email") ?? "").trim() ? {} : { email: "Enter your email address." }),
      ...(String(form.get("password") ?? "") ? {} : { password: "Enter your password." }),
    };
    setError(null);
    if (empty.email || empty.password) {
      setMissing({ fields: empty });
      return;
    }
    setMissing(null);
    setPending(true);
    try {
      const result = await signIn("credentials", { email: form.get("email"), password: form.get("password"), redirect: false });
      if (result?.ok && !result.error) {
        router.replace(next);
        router.refresh();
        return;
      }
      // 503: the server is refusing password checks for a moment (too many at once).
      const kind =
        result?.status === 503 ? "error" : result?.status === 429 || result?.error === "rate_limited" ? "rate_limited" : result?.status === 401 || result?.error ? "invalid" : "error";
      setError(kind);
      // Wrong email or password: the password is the likelier typo, ready to be typed again.
      if (kind === "invalid") (submittedFormRef.current?.elements.namedItem("password") as HTMLInputElement | null)?.select();
    } catch {
      setError("error");
    }
    setPending(false);
  }

  return (
    <form method="post" onSubmit={onSubmit} className="mt-6 space-y-4" noValidate>
      <FormError error={error ? MESSAGES[error] : null} />
      <Input label="Email" name="email" type="email" autoComplete="username" required autoFocus error={missing?.fields.email} />
      <Input label="Password" name="password" type="password" autoComplete="current-password" required error={missing?.fields.password} />
      <Button type="submit" className="w-full" pending={pending} pendingLabel="Signing in…">
        Sign in
      </Button>
    </form>
  );
}
