// Small focus helpers shared by the places that move keyboard focus after the page changed under
// it (use-row-dialog.ts, focus-rescue.tsx, dialog.tsx).

/** Connected and rendered (where the browser can tell: jsdom cannot, and counts everything shown). */
export const isShown = (el: HTMLElement) => el.isConnected && (typeof el.checkVisibility !== "function" || el.checkVisibility());

/** Focus fell to the page itself (its control was removed): only then is it moved for the user. */
export function focusLost() {
  const active = document.activeElement;
  return !active || active === document.body;
}

/** Focuses an element that is not a control (a section, a heading), making it focusable by script only. */
export function focusHolder(el: HTMLElement, preventScroll = false) {
  if (!el.hasAttribute("tabindex") && el.tabIndex < 0) el.setAttribute("tabindex", "-1");
  el.focus({ preventScroll });
}
