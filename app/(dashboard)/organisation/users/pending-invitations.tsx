import { Table } from "@/components/ui/table";
import { Chip } from "@/components/ui/chip";
import { DateTime } from "@/components/ui/date-time";
import { Button } from "@/components/ui/button";
import { isRole, ROLE_LABELS } from "@/lib/permissions";
import { InvitationRevokeController } from "./invitation-revoke-controller";

type Invitation = { id: string; role: string; createdByEmail: string; createdAt: Date; expiresAt: Date };

const roleLabel = (role: string) => (isRole(role) ? ROLE_LABELS[role] : role);

/** A plain button: InvitationRevokeController (one island around the table) opens its confirmation. */
function RevokeInvitationRowButton({ invitation }: { invitation: Invitation }) {
  const role = roleLabel(invitation.role);
  return (
    <Button
      variant="danger-outline"
      size="sm"
      aria-haspopup="dialog"
      aria-label={`Revoke ${role} invitation by ${invitation.createdByEmail}`}
      data-revoke-invitation-id={invitation.id}
      data-revoke-invitation-role={role}
      data-revoke-invitation-by={invitation.createdByEmail}
    >
      Revoke
    </Button>
  );
}

export function PendingInvitations({ invitations }: { invitations: Invitation[] }) {
  return (
    <div className="mt-6 border-t border-slate-200 pt-5">
      <h3 className="mb-2 text-sm font-semibold text-slate-900">Pending invitations</h3>
      {invitations.length === 0 ? (
        <p className="text-slate-600">No pending invitations. Used, revoked and expired links are not listed.</p>
      ) : (
        <InvitationRevokeController>
          <div className="-mx-3 md:mx-0 md:overflow-hidden md:rounded-lg md:border md:border-slate-200">
            <Table
              caption="Pending invitations"
              rows={invitations}
              rowKey={(i) => i.id}
              columns={[
                { header: "Role", cell: (i) => <Chip tone="info">{roleLabel(i.role)}</Chip> },
                { header: "Created by", cell: (i) => <span className="wrap-anywhere">{i.createdByEmail}</span> },
                { header: "Created (UTC)", cell: (i) => <DateTime value={i.createdAt} /> },
                { header: "Expires (UTC)", cell: (i) => <DateTime value={i.expiresAt} /> },
                {
                  header: "Actions",
                  hideHeader: true,
                  align: "right",
                  cell: (i) => <RevokeInvitationRowButton invitation={i} />,
                },
              ]}
            />
          </div>
        </InvitationRevokeController>
      )}
    </div>
  );
}
