"use client";
// The admin quick actions of the whole users table in one island. Rows are server HTML: each row's
// actions container names the user (data-user-id, -email, -role, data-self) and each button says
// what it does (data-user-action). A click anywhere in the table is read here and opens the one
// dialog for that user, so neither the server render nor hydration grows with the number of rows.
// Your own role and account are changed by another admin: your row has only "Reset user token".
import { useEffect, useRef, useState, type MouseEvent, type ReactNode } from "react";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { ChangeRoleDialog } from "./change-role-dialog";
import { deleteUserAction, resetUserTokenAction } from "./actions";
import { useRunAction } from "./use-run-action";

const USER_ACTIONS = ["reset", "role", "delete"] as const;
type UserAction = (typeof USER_ACTIONS)[number];
type Chosen = { action: UserAction; user: { id: string; email: string; role: string }; isSelf: boolean; open: boolean };

const isUserAction = (value: string | undefined): value is UserAction => USER_ACTIONS.includes(value as UserAction);

export function UsersTableActions({ children }: { children: ReactNode }) {
  const [chosen, setChosen] = useState<Chosen | null>(null);
  const opener = useRef<HTMLElement | null>(null);
  const run = useRunAction();

  // Once the dialog has closed (Dialog's own effect runs first), focus goes back to the row's button.
  // Dialog alone would return it to whatever had focus at opening, which is the body in Safari
  // (it does not focus a button on click).
  useEffect(() => {
    if (chosen && !chosen.open) opener.current?.focus();
  }, [chosen]);

  function openFromRow(event: MouseEvent<HTMLDivElement>) {
    const button = event.target instanceof Element ? event.target.closest<HTMLElement>("[data-user-action]") : null;
    const row = button?.closest<HTMLElement>("[data-user-id]");
    const action = button?.dataset.userAction;
    if (!button || !row || !event.currentTarget.contains(row) || !isUserAction(action)) return;
    const { userId = "", userEmail = "", userRole = "", self } = row.dataset;
    opener.current = button;
    setChosen({ action, user: { id: userId, email: userEmail, role: userRole }, isSelf: self === "true", open: true });
  }

  const onOpenChange = (open: boolean) => {
    if (!open) setChosen((current) => (current ? { ...current, open: false } : current));
  };

  return (
    <div onClick={openFromRow}>
      {children}
      {chosen?.action === "reset" ? (
        <ConfirmDialog
          open={chosen.open}
          onOpenChange={onOpenChange}
          verb="Reset token key of"
          target={chosen.user.email}
          confirmLabel="Reset token key"
          pendingLabel="Resetting…"
          consequence={
            chosen.isSelf
              ? "Every other session and session API token of yours stops working. This browser stays signed in."
              : "Every session and session API token of this user stops working on their next request. They sign in again."
          }
          fields={{ userId: chosen.user.id }}
          action={run(resetUserTokenAction)}
        />
      ) : null}
      {chosen?.action === "role" ? <ChangeRoleDialog user={chosen.user} open={chosen.open} onOpenChange={onOpenChange} /> : null}
      {chosen?.action === "delete" ? (
        <ConfirmDialog
          open={chosen.open}
          onOpenChange={onOpenChange}
          verb="Delete user"
          target={chosen.user.email}
          confirmLabel="Delete user"
          pendingLabel="Deleting…"
          consequence="Their account, sessions and pending invitations go at once. Playback tokens they issued stay valid. This cannot be undone."
          fields={{ userId: chosen.user.id }}
          action={run(deleteUserAction)}
        />
      ) : null}
    </div>
  );
}
