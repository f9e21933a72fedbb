"use client";
// Pending invitations' revoke confirmations in one island (RowConfirmDialog): each row renders a plain
// button carrying the invitation's id and label, and this opens the one dialog for the row pressed.
import type { ReactNode } from "react";
import { RowConfirmDialog } from "@/components/ui/row-confirm-dialog";
import { revokeInvitationAction } from "./actions";
import { useRunAction } from "./use-run-action";

const readRevokeButton = (button: HTMLElement) => ({
  id: button.dataset.revokeInvitationId ?? "",
  role: button.dataset.revokeInvitationRole ?? "",
  by: button.dataset.revokeInvitationBy ?? "",
});

export function InvitationRevokeController({ children }: { children: ReactNode }) {
  const run = useRunAction();
  return (
    <RowConfirmDialog
      selector="[data-revoke-invitation-id]"
      read={readRevokeButton}
      dialog={(chosen) => ({
        // "Revoke Read-only invitation by ana@x.com?": the creator's email is what tells links apart.
        verb: `Revoke ${chosen.role} invitation by`,
        target: chosen.by,
        confirmLabel: "Revoke invitation",
        pendingLabel: "Revoking…",
        consequence: "The link stops working at once. Nobody can join with it.",
        fields: { invitationId: chosen.id },
        action: run(revokeInvitationAction),
      })}
    >
      {children}
    </RowConfirmDialog>
  );
}
