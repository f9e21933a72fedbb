"use client";
import { useState, useTransition } from "react";
import { Dialog } from "@/components/ui/dialog";
import { Select } from "@/components/ui/field";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { isRole, ROLE_LABELS, ROLE_SUMMARIES, ROLES, type Role } from "@/lib/permissions";
import { changeRoleAction } from "./actions";
import { useRunAction } from "./use-run-action";

/** Pick a role, read what it may do, confirm. Ends the user's sessions. */
export function ChangeRoleDialog({ user }: { user: { id: string; email: string; role: string } }) {
  const [role, setRole] = useState<Role>(isRole(user.role) ? user.role : "readonly");
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  const run = useRunAction();
  return (
    <Dialog
      title={<>Change role of <span className="font-mono break-all">{user.email}</span>?</>}
      trigger="Change role"
      triggerSize="sm"
      triggerLabel={`Change role of ${user.email}`}
      size="sm"
      onOpenChange={(open) => { if (!open) setError(null); }}
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
          <p className="text-slate-700">Their current sessions and session API tokens end; they sign in again with the new role.</p>
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
