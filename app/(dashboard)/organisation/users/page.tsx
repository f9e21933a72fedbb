import type { Metadata } from "next";
import { requireUser } from "@/lib/auth/session";
import { OrganisationHeader } from "@/components/organisation/organisation-header";
import { Section } from "@/components/ui/card";
import { Pagination, searchParam, type SearchParamsRecord } from "@/components/ui/pagination";
import { can } from "@/lib/permissions";
import { countUsersByRole, listUsers } from "@/lib/data/users";
import { listPendingInvitations } from "@/lib/data/invitations";
import { userListQuerySchema } from "@/lib/validation/users";
import { RoleFilter } from "./role-filter";
import { UsersTable } from "./users-table";
import { toUserRow } from "./user-rows";
import { InvitePanel } from "./invite-panel";
import { PendingInvitations } from "./pending-invitations";

export const metadata: Metadata = { title: "User Management" };
export const dynamic = "force-dynamic";

export default async function OrganisationUsersPage({ searchParams }: { searchParams: Promise<SearchParamsRecord> }) {
  const user = await requireUser("user:list");
  const params = await searchParams;
  const query = userListQuerySchema.parse({ role: searchParam(params.role), after: searchParam(params.after), before: searchParam(params.before) });
  const isAdmin = can(user.role, "user:manage");
  const [page, counts, invitations] = await Promise.all([
    listUsers(user.orgId, query),
    countUsersByRole(user.orgId),
    can(user.role, "invitation:manage") ? listPendingInvitations(user.orgId) : Promise.resolve(null),
  ]);

  return (
    <>
      <OrganisationHeader user={user} current="/organisation/users" />
      <div className="space-y-6">
        <Section
          title="Users"
          description={isAdmin ? "Reset a user's token key to end all their sessions and session API tokens, or make a one-time link that sets a new password." : "Everyone in this organisation."}
          flush
        >
          <div className="border-b border-slate-200 px-4 py-3 sm:px-6">
            <RoleFilter current={query.role} counts={counts} />
          </div>
          <UsersTable users={page.items.map(toUserRow)} currentUserId={user.id} showActions={isAdmin} filtered={Boolean(query.role)} />
          <div className="px-4 sm:px-6">
            <Pagination basePath="/organisation/users" searchParams={params} newerCursor={page.newerCursor} olderCursor={page.olderCursor} label="Users pages" />
          </div>
        </Section>
        {invitations ? (
          <Section title="Invitation links" description="Invite someone with a single-use link for a chosen role. The link is shown once.">
            <InvitePanel />
            <PendingInvitations invitations={invitations} />
          </Section>
        ) : null}
      </div>
    </>
  );
}
