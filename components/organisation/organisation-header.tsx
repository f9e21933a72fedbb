// The top of both organisation tabs (Overview / User Management): the organisation's name as the page's
// h1, its Support Level and Analytics Level chips, and the tabs. The User Management tab is shown only to
// roles that may list users.
import { Chip } from "@/components/ui/chip";
import { PageHeader } from "@/components/ui/page-header";
import { Tabs, type TabItem } from "@/components/ui/tabs";
import { getOrganisation } from "@/lib/data/organisations";
import type { CurrentUser } from "@/lib/data/sessions";
import { can } from "@/lib/permissions";

export type OrganisationTab = "/organisation/overview" | "/organisation/users";

export async function OrganisationHeader({ user, current }: { user: CurrentUser; current: OrganisationTab }) {
  const org = await getOrganisation(user.orgId);
  const tabs: TabItem[] = [{ href: "/organisation/overview", label: "Overview" }];
  if (can(user.role, "user:list")) tabs.push({ href: "/organisation/users", label: "User Management" });
  return (
    <>
      <PageHeader
        eyebrow="Organisation"
        title={org.name}
        meta={
          <>
            <Chip tone="accent">Support Level: {org.supportLevel}</Chip>
            <Chip tone="info">Analytics Level: {org.analyticsLevel}</Chip>
          </>
        }
      />
      <Tabs items={tabs} current={current} label="Organisation sections" />
    </>
  );
}
