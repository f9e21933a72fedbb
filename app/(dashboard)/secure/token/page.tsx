import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Secure token" };

export default async function SecureTokenPage() {
  await requireUser("token:read");
  return (
    <>
      <PageHeader title="Secure playback token" description="Decide who may play your streams." />
      <EmptyState title="Token creation is coming soon" description="Creating and revoking secure playback tokens lands next." />
    </>
  );
}
