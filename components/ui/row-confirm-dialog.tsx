"use client";
// A table's destructive row action with one confirmation for the whole table: rows render plain
// buttons matching `selector`, `read` turns the pressed one into what the dialog names, and `dialog`
// gives the ConfirmDialog's props for it (useRowDialog does the click reading and focus return).
import type { ReactNode } from "react";
import { ConfirmDialog, type ConfirmDialogProps } from "./confirm-dialog";
import { useRowDialog } from "./use-row-dialog";

type Props<T extends object> = {
  selector: string;
  read: (button: HTMLElement) => T | null;
  dialog: (chosen: T) => Omit<ConfirmDialogProps, "open" | "onOpenChange" | "trigger">;
  children: ReactNode;
};

export function RowConfirmDialog<T extends object>({ selector, read, dialog, children }: Props<T>) {
  const { chosen, onClick, onOpenChange } = useRowDialog(selector, read);
  return (
    <div onClick={onClick}>
      {children}
      {chosen ? <ConfirmDialog {...dialog(chosen)} open={chosen.open} onOpenChange={onOpenChange} /> : null}
    </div>
  );
}
