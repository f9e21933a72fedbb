"use client";
import { useState, useTransition } from "react";
import { Dialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { isRole, ROLE_LABELS, ROLE_SUMMARIES, ROLES, type Role } from "@/lib/permissions";
import { changeRoleAction } from "./actions";
import { useRunAction } from "./use-run-action";

type Props = { user: { id: string; email: string; role: string }; open: boolean; onOpenChange: (open: boolean) => void };

/** Pick a role, read what it may do, confirm. Ends the user's sessions. Opened by the table's island. */
export function ChangeRoleDialog({ user, open, onOpenChange }: Props) {
  const currentRole: Role = isRole(user.role) ? user.role : "readonly";
  const [role, setRole] = useState<Role>(currentRole);
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = useRunAction();
  // One dialog serves every row: each opening starts from the chosen user's current role.
  const [wasOpen, setWasOpen] = useState(open);
  if (open !== wasOpen) {
    setWasOpen(open);
    if (open) setRole(currentRole);
  }
  return (
    <Dialog
      title={<>Change role of <span className="font-mono wrap-anywhere">{user.email}</span>?</>}
      size="sm"
      open={open}
      onOpenChange={(next) => { if (!next) setError(null); onOpenChange(next); }}
    >
      {(close) => (
        <form
          className="space-y-4"
          action={(formData) =>
            startTransition(async () => {
              const outcome = await run(changeRoleAction)(formData);
              if (outcome?.error) setError(outcome.error);
              else close();
            })
          }
        >
          <input type="hidden" name="userId" value={user.id} />
          <Select label="Permission level" name="role" value={role} onChange={(e) => setRole(e.target.value as Role)} hint={ROLE_SUMMARIES[role]}
            options={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))} />
          <p className="text-slate-700">Their current sessions and session API tokens end; they sign in again with the new role. A lower role also revokes their pending invitation links for roles above it.</p>
          <FormError error={error} />
          <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <Button variant="secondary" onClick={close}>Cancel</Button>
            <Button type="submit" pending={pending} pendingLabel="Changing…" disabled={role === user.role}>
              Change role
            </Button>
          </div>
        </form>
      )}
    </Dialog>
  );
}
