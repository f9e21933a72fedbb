import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { EmptyState } from "@/components/ui/empty-state";
import { OrganisationHeader } from "@/components/organisation/organisation-header";

export const metadata: Metadata = { title: "Users" };
export const dynamic = "force-dynamic";

export default async function OrganisationUsersPage() {
  const user = await requireUser("user:list");
  return (
    <>
      <OrganisationHeader user={user} current="/organisation/users" />
      <EmptyState title="User management is coming soon" description="Invitations, roles and token keys land next." />
    </>
  );
}
