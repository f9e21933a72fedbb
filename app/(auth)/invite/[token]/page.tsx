import type { Metadata } from "next";
import Link from "next/link";
import { Callout } from "@/components/ui/callout";
import { Chip } from "@/components/ui/chip";
import { DateTime } from "@/components/ui/date-time";
import { INVITATION_PROBLEMS, viewInvitation } from "@/lib/data/invitations";
import { ROLE_LABELS, ROLE_SUMMARIES } from "@/lib/permissions";
import { AcceptInvitationForm } from "./accept-form";

export const metadata: Metadata = { title: "Join an organisation", referrer: "no-referrer" };
export const dynamic = "force-dynamic";

/** Viewing the link only reads: nothing is claimed until the form is sent. */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invitation = await viewInvitation(token);
  if (!invitation.ok) {
    const problem = INVITATION_PROBLEMS[invitation.problem];
    return (
      <>
        <h1 className="text-xl font-semibold">{problem.title}</h1>
        <div className="mt-4" data-invitation-problem={invitation.problem}>
          <Callout tone={invitation.problem === "used" ? "info" : "warning"}>{problem.message}</Callout>
        </div>
        <p className="mt-6 text-center text-slate-600">
          Have an account?{" "}
          <Link prefetch={false} href="/login" className="font-medium text-accent-700 underline-offset-2 hover:underline">Sign in</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <h1 className="text-xl font-semibold break-words">Join {invitation.orgName}</h1>
      <p className="mt-1 text-slate-600">
        <span className="wrap-anywhere">{invitation.invitedBy}</span> invited you as <Chip tone="info">{ROLE_LABELS[invitation.role]}</Chip>
      </p>
      <p className="mt-2 text-sm text-slate-600">{ROLE_SUMMARIES[invitation.role]}</p>
      <p className="mt-2 text-xs text-slate-600">
        Link expires <DateTime value={invitation.expiresAt} />.
      </p>
      <AcceptInvitationForm token={token} />
    </>
  );
}
