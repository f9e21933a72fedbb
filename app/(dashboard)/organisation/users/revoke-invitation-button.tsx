"use client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { revokeInvitationAction } from "./actions";
import { useRunAction } from "./use-run-action";

export function RevokeInvitationButton({ id, label }: { id: string; label: string }) {
  const run = useRunAction();
  return (
    <ConfirmDialog
      verb="Revoke"
      target={label}
      confirmLabel="Revoke invitation"
      pendingLabel="Revoking…"
      consequence="The link stops working at once. Nobody can join with it."
      fields={{ invitationId: id }}
      action={run(revokeInvitationAction)}
    />
  );
}
