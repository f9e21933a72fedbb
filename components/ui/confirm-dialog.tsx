"use client";
// Confirmation for destructive actions. It always names what it will destroy
// ("Delete user ana@x.com?"), and nothing happens until the danger button is pressed. The
// trigger is quiet (outline); only the confirmation carries the destructive colour. For the
// high-impact ones (`typeToConfirm`) the confirm button waits until that text is typed.
// Give it either a server action (`action`, posted with `fields` as hidden inputs) or `onConfirm`.
// An action may return { error } to keep the dialog open and show why it failed.
import { useState, useTransition, type ReactNode } from "react";
import { Button, type ButtonSize, type ButtonVariant } from "./button";
import { Dialog } from "./dialog";
import { FormError } from "./form-error";
import { Input } from "./field";

type Outcome = void | { error?: string | null } | undefined | null;

export type ConfirmDialogProps = {
  /** What is done, e.g. "Delete user". The title reads "<verb> <target>?". */
  verb: string;
  /** What is destroyed, named exactly, e.g. "ana@x.com" (set in code type). */
  target: string;
  /** The target is words ("your token key"), not an identifier: no code type. */
  plainTarget?: boolean;
  /** What follows from it, e.g. "Their sessions end at once. This cannot be undone." */
  consequence?: ReactNode;
  /** Label of the confirm button; defaults to the verb. */
  confirmLabel?: string;
  pendingLabel?: string;
  /** The trigger button's label; defaults to the verb. */
  trigger?: ReactNode;
  triggerVariant?: ButtonVariant;
  triggerSize?: ButtonSize;
  triggerLabel?: string;
  action?: (formData: FormData) => Outcome | Promise<Outcome>;
  fields?: Record<string, string>;
  onConfirm?: () => Outcome | Promise<Outcome>;
  /** The text (a name, a count) to type before the confirm button works, for actions hard to undo. */
  typeToConfirm?: string;
  /** Controlled mode (no trigger rendered when `open` is given without `trigger`). */
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
};

export function ConfirmDialog({
  verb, target, plainTarget = false, consequence, confirmLabel, pendingLabel, trigger, triggerVariant = "danger-outline", triggerSize = "sm",
  triggerLabel, typeToConfirm, action, fields, onConfirm, open, onOpenChange,
}: ConfirmDialogProps) {
  const [error, setError] = useState<string | null>(null);
  const [typed, setTyped] = useState("");
  const confirmed = typeToConfirm === undefined || typed.trim() === typeToConfirm;
  const [pending, startTransition] = useTransition();
  const title = (
    <>
      {verb} {plainTarget ? target : <span className="font-mono wrap-anywhere">{target}</span>}?
    </>
  );

  return (
    <Dialog
      title={title}
      size="sm"
      trigger={trigger === undefined && open === undefined ? verb : trigger}
      triggerVariant={triggerVariant}
      triggerSize={triggerSize}
      // Rows of a table all say "Delete": the accessible name says which one.
      triggerLabel={triggerLabel ?? (trigger === undefined ? `${verb} ${target}` : undefined)}
      open={open}
      onOpenChange={(next) => {
        if (!next) {
          setError(null);
          setTyped("");
        }
        onOpenChange?.(next);
      }}
    >
      {(close) => {
        const run = (work: () => Outcome | Promise<Outcome>) =>
          startTransition(async () => {
            setError(null);
            const outcome = await work();
            if (outcome && outcome.error) setError(outcome.error);
            else close();
          });
        return (
          <form
            action={(formData) => run(() => (action ? action(formData) : onConfirm?.()))}
            className="space-y-4"
          >
            {consequence ? <div className="text-slate-700">{consequence}</div> : null}
            {Object.entries(fields ?? {}).map(([name, value]) => (
              <input key={name} type="hidden" name={name} value={value} />
            ))}
            {/* No name: it is not posted (the action's own input schema would refuse an extra field). */}
            {typeToConfirm !== undefined ? (
              <Input
                label={<>Type <span className="font-mono font-semibold wrap-anywhere">{typeToConfirm}</span> to confirm</>}
                value={typed}
                onChange={(e) => setTyped(e.currentTarget.value)}
                autoComplete="off"
                spellCheck={false}
              />
            ) : null}
            <FormError error={error} />
            <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
              <Button variant="secondary" onClick={close} data-autofocus>
                Cancel
              </Button>
              <Button type="submit" variant="danger" pending={pending} pendingLabel={pendingLabel} disabled={!confirmed}>
                {confirmLabel ?? verb}
              </Button>
            </div>
          </form>
        );
      }}
    </Dialog>
  );
}
