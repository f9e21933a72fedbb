"use client";
// The admin quick actions of the whole users table in one island (useRowDialog): each row's actions
// container names the user (data-user-id, -email, -role, data-self) and each button says what it
// does (data-user-action); a click opens the one dialog for that user, so no row renders or hydrates
// dialogs of its own. Your own role and account are changed by another admin: your row has only
// "Reset user token".
import type { ReactNode } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { useRowDialog } from "@/components/ui/use-row-dialog";
import { ChangeRoleDialog } from "./change-role-dialog";
import { deleteUserAction, resetUserTokenAction } from "./actions";
import { useRunAction } from "./use-run-action";

const USER_ACTIONS = ["reset", "role", "delete"] as const;
type UserAction = (typeof USER_ACTIONS)[number];

const isUserAction = (value: string | undefined): value is UserAction => USER_ACTIONS.includes(value as UserAction);

function readRow(button: HTMLElement) {
  const row = button.closest<HTMLElement>("[data-user-id]");
  const action = button.dataset.userAction;
  if (!row || !isUserAction(action)) return null;
  const { userId = "", userEmail = "", userRole = "", self } = row.dataset;
  return { action, user: { id: userId, email: userEmail, role: userRole }, isSelf: self === "true" };
}

type Chosen = NonNullable<ReturnType<typeof readRow>>;

// The two confirmations differ only in what they say and which action they post.
const CONFIRMS = {
  reset: (chosen: Chosen) => ({
    verb: "Reset token key of",
    confirmLabel: "Reset token key",
    pendingLabel: "Resetting…",
    consequence: chosen.isSelf
      ? "Every other session ends, and your session API token is replaced: scripts using the old one get 401 until you give them the new one from the Organisation page. This browser stays signed in. Invitation links you created that are still pending stop working."
      : "Every session and session API token of this user stops working on their next request. They sign in again. Invitation links they created that are still pending stop working.",
    action: resetUserTokenAction,
  }),
  delete: () => ({
    verb: "Delete user",
    confirmLabel: "Delete user",
    pendingLabel: "Deleting…",
    consequence: "Their account and sessions end at once, and invitation links they created stop working. Playback tokens they issued stay valid. This cannot be undone.",
    action: deleteUserAction,
  }),
};

export function UsersTableActions({ children }: { children: ReactNode }) {
  const { chosen, onClick, onOpenChange } = useRowDialog("[data-user-action]", readRow);
  const run = useRunAction();
  const confirm = chosen && chosen.action !== "role" ? CONFIRMS[chosen.action](chosen) : null;

  return (
    <div onClick={onClick}>
      {children}
      {chosen && confirm ? (
        <ConfirmDialog
          key={chosen.action}
          {...confirm}
          open={chosen.open}
          onOpenChange={onOpenChange}
          target={chosen.user.email}
          // Deleting cannot be undone: the email is typed to confirm.
          typeToConfirm={chosen.action === "delete" ? chosen.user.email : undefined}
          fields={{ userId: chosen.user.id }}
          action={run(confirm.action)}
        />
      ) : null}
      {chosen?.action === "role" ? <ChangeRoleDialog user={chosen.user} open={chosen.open} onOpenChange={onOpenChange} /> : null}
    </div>
  );
}
