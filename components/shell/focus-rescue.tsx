"use client";
// Keyboard focus must never fall to <body>. When the focused control leaves the page — a menu item
// that navigated, a Revoke button that went with what it revoked, a form replaced by the page it
// created — focus moves to the page's heading, so keyboard and screen-reader users continue from the
// top of what is now shown. It waits a moment first: components that know a better place (a table's
// next row, see use-row-dialog.ts) move focus themselves, and then there is nothing to rescue.
import { useEffect } from "react";

const SETTLE_MS = 120;

function lost() {
  const active = document.activeElement;
  return !active || active === document.body;
}

export function FocusRescue() {
  useEffect(() => {
    let last: Element | null = null;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const onFocusIn = (event: FocusEvent) => { last = event.target instanceof Element ? event.target : null; };
    const rescue = () => {
      if (!last || last.isConnected || !lost()) return;
      const heading = document.querySelector<HTMLElement>("main h1") ?? document.getElementById("main");
      if (!heading) return;
      if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
    };
    const observer = new MutationObserver(() => {
      if (!last || last.isConnected || !lost()) return;
      clearTimeout(timer);
      timer = setTimeout(rescue, SETTLE_MS);
    });
    observer.observe(document.body, { childList: true, subtree: true });
    document.addEventListener("focusin", onFocusIn);
    return () => {
      observer.disconnect();
      document.removeEventListener("focusin", onFocusIn);
      clearTimeout(timer);
    };
  }, []);
  return null;
}
