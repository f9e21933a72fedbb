"use client";
// One dialog for a whole table: rows carry plain buttons with data attributes, and a click anywhere
// in the table is read here (event delegation), so no row needs a dialog component of its own.
// When the dialog closes, focus returns to the row's button (Dialog alone would return it to what had
// focus at opening: the body in Safari, which does not focus a button on click). When the action
// removed that button (a deleted user, a revoked token), focus goes to the same button of the next
// row, else of the previous row, else to the table itself, else (the list emptied and went) to the
// section around it — never to the page's <body>.
import { useEffect, useRef, useState, type MouseEvent } from "react";
import { focusHolder, focusLost, isShown } from "./focus";

type Opener = { button: HTMLElement; container: HTMLElement; region: HTMLElement | null; next: HTMLElement | null; previous: HTMLElement | null };

/** The buttons that can take over from `button` once it is gone: same selector and same label, other rows. */
function neighbours(button: HTMLElement, container: HTMLElement, selector: string) {
  const row = button.closest("tr, li, [data-row]") ?? button.parentElement;
  const label = button.textContent?.trim();
  const others = Array.from(container.querySelectorAll<HTMLElement>(selector)).filter(
    (el) => el !== button && !row?.contains(el) && el.textContent?.trim() === label && isShown(el),
  );
  const after = others.filter((el) => button.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
  const before = others.filter((el) => button.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING);
  return { next: after[0] ?? null, previous: before.at(-1) ?? null };
}

function refocus({ button, container, region, next, previous }: Opener) {
  if (button.isConnected) return button.focus();
  const target = [next, previous].find((el): el is HTMLElement => !!el && isShown(el));
  if (target) return target.focus();
  const holder = [container, region].find((el): el is HTMLElement => !!el?.isConnected);
  if (holder) focusHolder(holder);
}

/**
 * `selector` finds the clicked row button; `read` turns it into what the dialog needs (null: not ours).
 * Spread `onClick` on an element around the table; render the dialog from `chosen` with `onOpenChange`.
 */
export function useRowDialog<T extends object>(selector: string, read: (button: HTMLElement) => T | null) {
  const [chosen, setChosen] = useState<(T & { open: boolean }) | null>(null);
  const opener = useRef<Opener | null>(null);

  // Runs after Dialog's own close effect. The row may go in the same render (the action's response
  // carried the new page) or a moment later (router.refresh): watch the table until it settles.
  useEffect(() => {
    const current = opener.current;
    if (!chosen || chosen.open || !current) return;
    refocus(current);
    if (!current.button.isConnected) return;
    const observer = new MutationObserver(() => {
      if (current.button.isConnected) return;
      observer.disconnect();
      if (focusLost()) refocus(current);
    });
    observer.observe(current.container, { childList: true, subtree: true });
    const stop = setTimeout(() => observer.disconnect(), 30_000);
    return () => { observer.disconnect(); clearTimeout(stop); };
  }, [chosen]);

  // Unmounted with the last row (the list became an empty state): refocus once the DOM has settled.
  useEffect(() => () => {
    const current = opener.current;
    if (current) setTimeout(() => { if (!current.button.isConnected && focusLost()) refocus(current); }, 0);
  }, []);

  function onClick(event: MouseEvent<HTMLElement>) {
    const container = event.currentTarget;
    const button = event.target instanceof Element ? event.target.closest<HTMLElement>(selector) : null;
    if (!button || !container.contains(button)) return;
    const value = read(button);
    if (!value) return;
    const region = container.parentElement?.closest<HTMLElement>("section, main") ?? null;
    opener.current = { button, container, region, ...neighbours(button, container, selector) };
    setChosen({ ...value, open: true });
  }

  function onOpenChange(open: boolean) {
    if (!open) setChosen((current) => (current ? { ...current, open: false } : current));
  }

  return { chosen, onClick, onOpenChange };
}
