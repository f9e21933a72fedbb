import { Table } from "@/components/ui/table";
import { Chip } from "@/components/ui/chip";
import { DateTime } from "@/components/ui/date-time";
import { isRole, ROLE_LABELS } from "@/lib/permissions";
import { RevokeInvitationButton } from "./revoke-invitation-button";

type Invitation = { id: string; role: string; createdByEmail: string; createdAt: Date; expiresAt: Date };

export function PendingInvitations({ invitations }: { invitations: Invitation[] }) {
  return (
    <div className="mt-6 border-t border-slate-200 pt-5">
      <h3 className="mb-2 text-sm font-semibold text-slate-900">Pending invitations</h3>
      {invitations.length === 0 ? (
        <p className="text-slate-600">No pending invitations. Used, revoked and expired links are not listed.</p>
      ) : (
        <div className="-mx-3 md:mx-0 md:overflow-hidden md:rounded-lg md:border md:border-slate-200">
          <Table
            caption="Pending invitations"
            rows={invitations}
            rowKey={(i) => i.id}
            columns={[
              { header: "Role", cell: (i) => <Chip tone="info">{isRole(i.role) ? ROLE_LABELS[i.role] : i.role}</Chip> },
              { header: "Created by", cell: (i) => <span className="break-all">{i.createdByEmail}</span> },
              { header: "Created (UTC)", cell: (i) => <DateTime value={i.createdAt} /> },
              { header: "Expires (UTC)", cell: (i) => <DateTime value={i.expiresAt} /> },
              {
                header: "Actions",
                hideHeader: true,
                align: "right",
                cell: (i) => <RevokeInvitationButton id={i.id} label={`${isRole(i.role) ? ROLE_LABELS[i.role] : i.role} invitation by ${i.createdByEmail}`} />,
              },
            ]}
          />
        </div>
      )}
    </div>
  );
}
