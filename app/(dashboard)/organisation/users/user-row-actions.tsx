"use client";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ChangeRoleDialog } from "./change-role-dialog";
import { deleteUserAction, resetUserTokenAction } from "./actions";
import { useRunAction } from "./use-run-action";

type Props = { user: { id: string; email: string; role: string }; isSelf: boolean };

/** Admin quick actions for one row. Your own role and account are changed by another admin. */
export function UserRowActions({ user, isSelf }: Props) {
  const run = useRunAction();
  return (
    <div className="flex flex-wrap justify-end gap-2 lg:flex-nowrap">
      <ConfirmDialog
        verb="Reset token key of"
        target={user.email}
        triggerLabel={`Reset user token of ${user.email}`}
        trigger="Reset user token"
        triggerVariant="secondary"
        confirmLabel="Reset token key"
        pendingLabel="Resetting…"
        consequence={
          isSelf
            ? "Every other session and session API token of yours stops working. This browser stays signed in."
            : "Every session and session API token of this user stops working on their next request. They sign in again."
        }
        fields={{ userId: user.id }}
        action={run(resetUserTokenAction)}
      />
      {isSelf ? null : (
        <>
          <ChangeRoleDialog user={user} />
          <ConfirmDialog
            verb="Delete user"
            target={user.email}
            trigger="Delete"
            triggerLabel={`Delete user ${user.email}`}
            confirmLabel="Delete user"
            pendingLabel="Deleting…"
            consequence="Their account, sessions and pending invitations go at once. Playback tokens they issued stay valid. This cannot be undone."
            fields={{ userId: user.id }}
            action={run(deleteUserAction)}
          />
        </>
      )}
    </div>
  );
}
