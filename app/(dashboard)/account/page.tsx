import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { Section } from "@/components/ui/card";
import { ROLE_LABELS } from "@/lib/permissions";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser("self:manage");
  return (
    <>
      <PageHeader title="Your account" description="Signed-in profile." />
      <Section title="Profile">
        <dl className="grid gap-3 sm:grid-cols-[10rem_1fr]">
          <dt className="text-slate-600">Email</dt>
          <dd>{user.email}</dd>
          <dt className="text-slate-600">Name</dt>
          <dd>{user.name || "—"}</dd>
          <dt className="text-slate-600">Permission level</dt>
          <dd>{ROLE_LABELS[user.role]}</dd>
        </dl>
      </Section>
    </>
  );
}
