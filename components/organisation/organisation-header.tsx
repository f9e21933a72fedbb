// The top of the organisation tabs (Overview / User Management / Audit log): the organisation's name as
// the page's h1, its Support Level and Analytics Level chips, and the tabs. User Management is shown only
// to roles that may list users, Audit log only to roles that may read it.
import { Chip } from "@/components/ui/chip";
import { PageHeader } from "@/components/ui/page-header";
import { Tabs, type TabItem } from "@/components/ui/tabs";
import { getOrganisation } from "@/lib/data/organisations";
import type { CurrentUser } from "@/lib/data/sessions";
import { can } from "@/lib/permissions";

export type OrganisationTab = "/organisation/overview" | "/organisation/users" | "/organisation/audit";

export async function OrganisationHeader({ user, current }: { user: CurrentUser; current: OrganisationTab }) {
  const org = await getOrganisation(user.orgId);
  const tabs: TabItem[] = [{ href: "/organisation/overview", label: "Overview" }];
  if (can(user.role, "user:list")) tabs.push({ href: "/organisation/users", label: "User Management" });
  if (can(user.role, "audit:read")) tabs.push({ href: "/organisation/audit", label: "Audit log" });
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
