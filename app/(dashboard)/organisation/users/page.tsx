import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Users" };

export default async function OrganisationUsersPage() {
  const user = await requireUser("user:list");
  return (
    <>
      <PageHeader title={user.orgName} description="User management" />
      <EmptyState title="User management is coming soon" description="Invitations, roles and token keys land next." />
    </>
  );
}
