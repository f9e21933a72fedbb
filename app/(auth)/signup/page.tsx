import type { Metadata } from "next";
import Link from "next/link";
import { getConfig } from "@/lib/config";
import { getCurrentUser } from "@/lib/auth/session";
import { Callout } from "@/components/ui/callout";
import { SignupForm } from "./signup-form";

export const metadata: Metadata = { title: "Create an organisation" };
// Whether sign-up is on is a runtime setting, not a build-time one.
export const dynamic = "force-dynamic";

export default async function SignupPage() {
  const enabled = getConfig().signupEnabled;
  // Signed in already: say so, since finishing here signs this browser in as the new account instead.
  const user = await getCurrentUser();
  return (
    <>
      <h1 className="text-xl font-semibold">Create an organisation</h1>
      <p className="mt-1 text-slate-600">You become its first admin and can invite your team afterwards.</p>
      {user ? (
        <div className="mt-6">
          <Callout tone="info" title={`You are signed in as ${user.email}`}>
            A new organisation needs its own account, and creating it signs this browser in as that account.{" "}
            <Link prefetch={false} href="/streams" className="font-medium underline">Back to {user.orgName}</Link>
          </Callout>
        </div>
      ) : null}
      {enabled ? (
        <SignupForm />
      ) : (
        <div className="mt-6">
          <Callout tone="info" title="Sign-up is turned off">
            This Playgate does not accept new organisations. Ask an administrator for an invitation link.
          </Callout>
        </div>
      )}
      <p className="mt-6 text-center text-slate-600">
        Already have an account?{" "}
        <Link prefetch={false} href="/login" className="font-medium text-accent-700 underline-offset-2 hover:underline">
          Sign in
        </Link>
      </p>
    </>
  );
}
