"use client";
// A modal dialog on the native <dialog> element (showModal makes the page behind inert and gives the
// backdrop). Tab wraps from the last control to the first and back (showModal alone lets it step out
// to the browser's own controls once). Focus moves into the dialog on open, Esc and the close button
// close it, and focus returns to whatever opened it. Controlled (open/onOpenChange) or self-triggered.
// Focus goes to the first element marked data-autofocus, else the first control in the body.
import { useCallback, useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from "react";
import { Button, type ButtonSize, type ButtonVariant } from "./button";
import { CloseIcon } from "./icons";
import { isShown } from "./focus";

export type DialogProps = {
  title: ReactNode;
  description?: ReactNode;
  /** Label of the button that opens the dialog; omit when you control `open` yourself. */
  trigger?: ReactNode;
  triggerVariant?: ButtonVariant;
  triggerSize?: ButtonSize;
  /** Accessible name for an icon-only trigger. */
  triggerLabel?: string;
  open?: boolean;
  onOpenChange?: (open: boolean) => void;
  /** Content, or a function receiving `close` (e.g. to close after a successful submit). */
  children: ReactNode | ((close: () => void) => ReactNode);
  size?: "sm" | "md" | "lg";
};

const widths = { sm: "max-w-md", md: "max-w-lg", lg: "max-w-2xl" };
const FOCUSABLE = 'input:not([type="hidden"]):not(:disabled), select:not(:disabled), textarea:not(:disabled), button:not(:disabled), a[href], [tabindex]:not([tabindex="-1"])';

/** Keeps Tab inside the dialog: from the last control to the first, and Shift+Tab the other way. */
function wrapTab(dialog: HTMLDialogElement, event: KeyboardEvent<HTMLDialogElement>) {
  const controls = Array.from(dialog.querySelectorAll<HTMLElement>(FOCUSABLE)).filter(isShown);
  if (!controls.length) return;
  const [first, last] = [controls[0], controls[controls.length - 1]];
  const active = document.activeElement;
  if (event.shiftKey && (active === first || active === dialog)) { event.preventDefault(); last.focus(); }
  else if (!event.shiftKey && active === last) { event.preventDefault(); first.focus(); }
}

export function Dialog({
  title, description, trigger, triggerVariant = "secondary", triggerSize, triggerLabel,
  open: openProp, onOpenChange, children, size = "md",
}: DialogProps) {
  const [openState, setOpenState] = useState(false);
  const open = openProp ?? openState;
  const ref = useRef<HTMLDialogElement>(null);
  const returnFocus = useRef<HTMLElement | null>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const descriptionId = useId();

  const setOpen = useCallback(
    (next: boolean) => {
      if (openProp === undefined) setOpenState(next);
      onOpenChange?.(next);
    },
    [openProp, onOpenChange],
  );
  const close = useCallback(() => setOpen(false), [setOpen]);

  useEffect(() => {
    const dialog = ref.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      // Our own trigger when there is one (Safari does not focus buttons on click), else whatever had focus.
      returnFocus.current = triggerRef.current ?? (document.activeElement as HTMLElement | null);
      // jsdom and very old browsers lack showModal: fall back to a plain open dialog.
      if (typeof dialog.showModal === "function") dialog.showModal();
      else dialog.setAttribute("open", "");
      const target = dialog.querySelector<HTMLElement>("[data-autofocus]") ?? dialog.querySelector<HTMLElement>(`[data-dialog-body] :is(${FOCUSABLE})`);
      (target ?? dialog).focus();
    } else if (!open && dialog.open) {
      if (typeof dialog.close === "function") dialog.close();
      else dialog.removeAttribute("open");
      returnFocus.current?.focus();
      returnFocus.current = null;
    }
  }, [open]);

  return (
    <>
      {trigger !== undefined ? (
        <Button ref={triggerRef} variant={triggerVariant} size={triggerSize} aria-label={triggerLabel} aria-haspopup="dialog" onClick={() => setOpen(true)}>
          {trigger}
        </Button>
      ) : null}
      <dialog
        ref={ref}
        aria-labelledby={titleId}
        aria-describedby={description ? descriptionId : undefined}
        tabIndex={-1}
        className={`m-auto w-[calc(100%-2rem)] ${widths[size]} rounded-lg border border-slate-200 bg-white p-0 text-left text-sm font-normal whitespace-normal text-slate-900 shadow-xl`}
        // Esc: keep React state the source of truth instead of letting the browser close it.
        onCancel={(e) => { e.preventDefault(); close(); }}
        onKeyDown={(e) => {
          if (e.key === "Escape") { e.preventDefault(); close(); }
          else if (e.key === "Tab") wrapTab(e.currentTarget, e);
        }}
        // A click on the dialog element itself (not its content) is a click on the backdrop.
        onClick={(e) => { if (e.target === e.currentTarget) close(); }}
      >
        {open ? (
          <div className="p-5 sm:p-6">
            <div className="flex items-start justify-between gap-4">
              <div className="min-w-0">
                <h2 id={titleId} className="text-base font-semibold text-slate-900 break-words">{title}</h2>
                {description ? <p id={descriptionId} className="mt-1 text-slate-600">{description}</p> : null}
              </div>
              <Button variant="ghost" size="icon" aria-label="Close dialog" onClick={close} className="-mt-1 -mr-2">
                <CloseIcon />
              </Button>
            </div>
            <div data-dialog-body className="mt-4">
              {typeof children === "function" ? children(close) : children}
            </div>
          </div>
        ) : null}
      </dialog>
    </>
  );
}
