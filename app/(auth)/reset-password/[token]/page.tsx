import type { Metadata } from "next";
import Link from "next/link";
import { Callout } from "@/components/ui/callout";
import { DateTime } from "@/components/ui/date-time";
import { RESET_PROBLEMS, viewPasswordReset } from "@/lib/data/password-resets";
import { ResetPasswordForm } from "./reset-form";

export const metadata: Metadata = { title: "Choose a new password", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

/** Viewing the link only reads: nothing changes until the form is sent. */
export default async function ResetPasswordPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const link = await viewPasswordReset(token);
  if (!link.ok) {
    const problem = RESET_PROBLEMS[link.problem];
    return (
      <>
        <h1 className="text-xl font-semibold">{problem.title}</h1>
        <div className="mt-4" data-reset-problem={link.problem}>
          <Callout tone={link.problem === "used" ? "info" : "warning"}>{problem.message}</Callout>
        </div>
        <p className="mt-6 text-center text-slate-600">
          <Link prefetch={false} href="/login" className="font-medium text-accent-700 underline-offset-2 hover:underline">Back to sign in</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-semibold">Choose a new password</h1>
      <p className="mt-1 text-slate-600">
        For <span className="font-medium wrap-anywhere text-slate-900">{link.email}</span> in {link.orgName}. Every session of this account is signed out when you save.
      </p>
      <p className="mt-2 text-xs text-slate-600">
        Link expires <DateTime value={link.expiresAt} />; it works once.
      </p>
      <ResetPasswordForm token={token} email={link.email} />
    </>
  );
}
