"use client";
// The admin quick actions of the whole users table in one island (useRowDialog): each row's actions
// container names the user (data-user-id, -email, -role, data-self) and each button says what it
// does (data-user-action); a click opens the one dialog for that user, so no row renders or hydrates
// dialogs of its own. Your own role, password and account are changed elsewhere (another admin, your
// Account page): your row has only "Reset user token". "Reset password" makes a one-time link and
// shows it once, to hand over privately (Playgate sends no email).
import { useState, type ReactNode } from "react";
import { useRouter } from "next/navigation";
import { Button } from "@/components/ui/button";
import { Callout } from "@/components/ui/callout";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";
import { CopyField } from "@/components/ui/copy-field";
import { Dialog } from "@/components/ui/dialog";
import { useRowDialog } from "@/components/ui/use-row-dialog";
import { formatUtc } from "@/lib/datetime";
import { ChangeRoleDialog } from "./change-role-dialog";
import { createPasswordResetAction, deleteUserAction, resetUserTokenAction } from "./actions";
import { useRunAction } from "./use-run-action";

const USER_ACTIONS = ["reset", "role", "password", "delete"] as const;
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

type ResetLink = { url: string; email: string; expiresAt: string };

// The confirmations differ only in what they say and which action they post.
const CONFIRMS = {
  reset: (chosen: Chosen) => ({
    verb: "Reset token key of",
    confirmLabel: "Reset token key",
    pendingLabel: "Resetting…",
    consequence: chosen.isSelf
      ? "Every other session ends, and your session API token is replaced: scripts using the old one get 401 until you give them the new one from the Organisation page. This browser stays signed in. Invitation links you created that are still pending stop working."
      : "Every session and session API token of this user stops working on their next request. They sign in again. Invitation links they created that are still pending stop working.",
  }),
  password: () => ({
    verb: "Make a password reset link for",
    confirmLabel: "Make reset link",
    pendingLabel: "Making…",
    consequence: "You get a link to send them privately; Playgate sends no email. It works once, for 24 hours, and sets a new password that signs out all their sessions. Any earlier link for them stops working; their current password works until the link is used.",
  }),
  delete: () => ({
    verb: "Delete user",
    confirmLabel: "Delete user",
    pendingLabel: "Deleting…",
    consequence: "Their account and sessions end at once, and invitation links they created stop working. Playback tokens they issued stay valid. This cannot be undone.",
  }),
};
/** What the plain confirmations post; "password" posts makeLink below, which shows the link. */
const POSTS = { reset: resetUserTokenAction, delete: deleteUserAction };

export function UsersTableActions({ children }: { children: ReactNode }) {
  const { chosen, onClick, onOpenChange } = useRowDialog("[data-user-action]", readRow);
  const run = useRunAction();
  const router = useRouter();
  const [link, setLink] = useState<ResetLink | null>(null);
  const plain = chosen && chosen.action !== "role" ? chosen.action : null;
  const confirm = chosen && plain ? CONFIRMS[plain](chosen) : null;
  // The reset link's answer carries the link: shown in its own dialog, not a toast.
  const makeLink = async (formData: FormData) => {
    const state = await createPasswordResetAction(undefined, formData).catch(() => null);
    if (!state?.ok || !state.data) return { error: state?.message ?? "Something went wrong. No link was made; try again." };
    setLink(state.data);
    router.refresh();
  };

  return (
    <div onClick={onClick}>
      {children}
      {chosen && plain && confirm ? (
        <ConfirmDialog
          key={chosen.action}
          {...confirm}
          open={chosen.open}
          onOpenChange={onOpenChange}
          target={chosen.user.email}
          // Deleting cannot be undone: the email is typed to confirm.
          typeToConfirm={chosen.action === "delete" ? chosen.user.email : undefined}
          fields={{ userId: chosen.user.id }}
          action={plain === "password" ? makeLink : run(POSTS[plain])}
        />
      ) : null}
      {link ? (
        <Dialog title="Password reset link" open onOpenChange={(open) => { if (!open) setLink(null); }}>
          {(close) => (
            <div className="space-y-4">
              <CopyField wrap label={`Reset link for ${link.email}`} value={link.url} hint={`Works once. Expires ${formatUtc(link.expiresAt)}.`} />
              <Callout tone="warning" title="Shown only once">Copy it now and send it to them privately. Anyone with the link can set this account&apos;s password.</Callout>
              <div className="flex justify-end">
                <Button onClick={close}>Done</Button>
              </div>
            </div>
          )}
        </Dialog>
      ) : null}
      {chosen?.action === "role" ? <ChangeRoleDialog user={chosen.user} open={chosen.open} onOpenChange={onOpenChange} /> : null}
    </div>
  );
}
