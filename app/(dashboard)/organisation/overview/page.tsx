import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { PageHeader } from "@/components/ui/page-header";
import { EmptyState } from "@/components/ui/empty-state";

export const metadata: Metadata = { title: "Organisation" };

export default async function OrganisationOverviewPage() {
  const user = await requireUser("org:read");
  return (
    <>
      <PageHeader title={user.orgName} description="Organisation overview" />
      <EmptyState title="The organisation overview is coming soon" description="Packages, API access, webhook, VOD and tags land next." />
    </>
  );
}
