import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getCurrentUser } from "@/lib/auth/session";
import { getConfig } from "@/lib/config";
import { HOME_PATH, safeRedirectPath } from "@/lib/auth/redirect";
import { Callout } from "@/components/ui/callout";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

const ENDED = {
  access: "Your session ended because an administrator changed your access (your role, your token key or your account), or your password was changed. Sign in again.",
  expired: "Your session expired. Sign in again to carry on where you were.",
} as const;

export default async function LoginPage({ searchParams }: { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string; ended?: string | string[] }> }) {
  const params = await searchParams;
  if (await getCurrentUser()) redirect(HOME_PATH);
  // Only pages of this origin are followed after sign-in (no open redirect).
  const next = safeRedirectPath(params.callbackUrl, getConfig().appUrl);
  return (
    <>
      <h1 className="text-xl font-semibold">Sign in</h1>
      <p className="mt-1 text-slate-600">Use your Playgate account email and password.</p>
      {params.ended === "access" || params.ended === "expired" ? (
        <div role="status" className="mt-4">
          <Callout tone="warning">{ENDED[params.ended]}</Callout>
        </div>
      ) : null}
      <LoginForm next={next} initialError={params.error === "rate_limited" ? "rate_limited" : null} />
      {getConfig().signupEnabled ? (
        <p className="mt-6 text-center text-slate-600">
          New here?{" "}
          <Link prefetch={false} href="/signup" className="font-medium text-accent-700 underline-offset-2 hover:underline">
            Create an organisation
          </Link>
        </p>
      ) : null}
    </>
  );
}
