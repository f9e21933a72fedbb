"use client";
// The users table renders in the browser's React tree from compact rows ({id, email, name, role,
// tokenKeyId, createdAt}) that the server page loads. As a server component every row travelled
// twice, as HTML and again as its full element tree in the RSC payload (~2.5 KB a row), so render
// time grew with the rows shown (docs/performance.md#p5); now the payload carries ~0.2 KB of data a row and the
// HTML is still rendered on the server. See README "Architecture".
import { Table } from "@/components/ui/table";
import { DateTime } from "@/components/ui/date-time";
import { EmptyState } from "@/components/ui/empty-state";
import { Button } from "@/components/ui/button";
import { Chip } from "@/components/ui/chip";
import { RoleChip } from "@/components/organisation/role-chip";
import { UsersTableActions } from "./users-table-actions";

import type { UserRow } from "./user-rows";

/**
 * A row's quick actions as plain buttons: the container names the user, each button says what it
 * does, and UsersTableActions (one island for the whole table) opens the dialog. Your own row has only
 * the reset: your role and account are changed by another admin.
 */
function UserRowActions({ user, isSelf }: { user: UserRow; isSelf: boolean }) {
  return (
    <div className="flex flex-wrap justify-end gap-2" data-user-id={user.id} data-user-email={user.email} data-user-role={user.role} {...(isSelf ? { "data-self": true } : {})}>
      <Button variant="secondary" size="sm" aria-haspopup="dialog" aria-label={`Reset user token of ${user.email}`} data-user-action="reset">
        Reset user token
      </Button>
      {isSelf ? null : (
        <>
          <Button variant="secondary" size="sm" aria-haspopup="dialog" aria-label={`Change role of ${user.email}`} data-user-action="role">
            Change role
          </Button>
          <Button variant="secondary" size="sm" aria-haspopup="dialog" aria-label={`Password reset link for ${user.email}`} data-user-action="password">
            Reset password
          </Button>
          <Button variant="danger-outline" size="sm" aria-haspopup="dialog" aria-label={`Delete user ${user.email}`} data-user-action="delete">
            Delete
          </Button>
        </>
      )}
    </div>
  );
}

export function UsersTable({ users, currentUserId, showActions, filtered }: { users: UserRow[]; currentUserId: string; showActions: boolean; filtered: boolean }) {
  const table = (
    <Table
      caption="Users of this organisation"
      rows={users}
      rowKey={(u) => u.id}
      empty={<EmptyState title={filtered ? "No users with this permission level" : "No users yet"} description={filtered ? "Choose another level or All." : "Invite someone with a link."} />}
      columns={[
        {
          header: "User",
          cell: (u) => (
            // At table width the column keeps 10rem for a typical address; longer ones wrap at the edge.
            <div className="min-w-0 md:min-w-40">
              <div className="font-medium wrap-anywhere text-slate-900">
                {u.email}
                {u.id === currentUserId ? <Chip className="ml-2">you</Chip> : null}
              </div>
              {u.name ? <div className="text-slate-600">{u.name}</div> : null}
            </div>
          ),
        },
        { header: "Permission Level", cell: (u) => <RoleChip role={u.role} /> },
        {
          header: "Token Key",
          cell: (u) => (
            <span className="font-mono text-xs text-slate-700" title="Masked id of the user's current token key">
              {u.tokenKey}
            </span>
          ),
        },
        { header: "Created At (UTC)", cell: (u) => <DateTime value={u.createdAt} /> },
        ...(showActions
          ? [{ header: "Quick actions", hideHeader: true, align: "right" as const, cell: (u: UserRow) => <UserRowActions user={u} isSelf={u.id === currentUserId} /> }]
          : []),
      ]}
    />
  );
  return showActions ? <UsersTableActions>{table}</UsersTableActions> : table;
}
