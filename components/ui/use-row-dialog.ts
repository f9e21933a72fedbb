"use client";
// One dialog for a whole table: rows carry plain buttons with data attributes, and a click anywhere
// in the table is read here (event delegation), so no row needs a dialog component of its own.
// When the dialog closes, focus returns to the row's button (Dialog alone would return it to what had
// focus at opening: the body in Safari, which does not focus a button on click).
import { useEffect, useRef, useState, type MouseEvent } from "react";

/**
 * `selector` finds the clicked row button; `read` turns it into what the dialog needs (null: not ours).
 * Spread `onClick` on an element around the table; render the dialog from `chosen` with `onOpenChange`.
 */
export function useRowDialog<T extends object>(selector: string, read: (button: HTMLElement) => T | null) {
  const [chosen, setChosen] = useState<(T & { open: boolean }) | null>(null);
  const opener = useRef<HTMLElement | null>(null);

  // Runs after Dialog's own close effect.
  useEffect(() => {
    if (chosen && !chosen.open) opener.current?.focus();
  }, [chosen]);

  function onClick(event: MouseEvent<HTMLElement>) {
    const button = event.target instanceof Element ? event.target.closest<HTMLElement>(selector) : null;
    if (!button || !event.currentTarget.contains(button)) return;
    const value = read(button);
    if (!value) return;
    opener.current = button;
    setChosen({ ...value, open: true });
  }

  function onOpenChange(open: boolean) {
    if (!open) setChosen((current) => (current ? { ...current, open: false } : current));
  }

  return { chosen, onClick, onOpenChange };
}
