import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/card";
import { RoleChip } from "@/components/organisation/role-chip";
import { DateTime } from "@/components/ui/date-time";
import { getOwnAccount } from "@/lib/data/users";
import { ProfileForm, PasswordForm, ResetOwnTokenButton } from "./account-forms";

export const metadata: Metadata = { title: "Account" };
export const dynamic = "force-dynamic";

export default async function AccountPage() {
  const user = await requireUser("self:manage");
  const account = await getOwnAccount(user.id, user.sessionId);
  return (
    <>
      <PageHeader title="Your account" description={<>Signed in as <span className="wrap-anywhere">{account.email}</span> in {user.orgName}.</>} meta={<RoleChip role={user.role} />} />
      <div className="space-y-6">
        <Section title="Profile">
          <ProfileForm name={account.name} email={account.email} />
        </Section>
        <Section title="Token key and sessions" description="Resetting your token key ends every other session and replaces your session API token. This browser stays signed in.">
          <dl className="grid gap-3 sm:grid-cols-[14rem_1fr]">
            <dt className="text-slate-600">Token key</dt>
            <dd className="font-mono text-xs">{account.tokenKeyId.slice(0, 7)}••••</dd>
            <dt className="text-slate-600">This session expires</dt>
            <dd>{account.sessionExpiresAt ? <DateTime value={account.sessionExpiresAt} /> : "—"}</dd>
            <dt className="text-slate-600">Account created</dt>
            <dd><DateTime value={account.createdAt} /></dd>
          </dl>
          <div className="mt-5">
            <ResetOwnTokenButton />
          </div>
        </Section>
        <Section title="Change password" description="Your other sessions end and your session API token is replaced: scripts using the old one get 401 until you give them the new one from the Organisation page. This browser stays signed in.">
          <PasswordForm />
        </Section>
      </div>
    </>
  );
}
