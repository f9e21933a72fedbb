"use client";
// Keyboard focus must never fall to <body>, nor stay behind on a link whose page has moved on.
// - When the focused control leaves the page (a menu item that navigated, a Revoke button that went
//   with what it revoked), focus moves to the section it was in, if that is still there, else to
//   the page's heading. It waits a moment first: components that know a better place (a table's
//   next row, see use-row-dialog.ts) move focus themselves, and then there is nothing to rescue.
// - When the address names a part of the page (#issued-tokens after paging or filtering the token
//   registry), focus goes to that part, where the browser has scrolled.
// - After a client-side navigation from a menu or tabs (a link that stays on the page), focus moves
//   to the new page's heading, so a screen reader says where the user now is.
import { useEffect, useRef } from "react";
import { usePathname } from "next/navigation";
import { focusHolder, focusLost } from "@/components/ui/focus";

const SETTLE_MS = 120;

function hashTarget(): HTMLElement | null {
  const id = decodeURIComponent(location.hash.slice(1));
  return id ? document.getElementById(id) : null;
}

export function FocusRescue() {
  const pathname = usePathname();
  const shownPath = useRef(pathname);
  useEffect(() => {
    if (shownPath.current === pathname) return;
    shownPath.current = pathname;
    const timer = setTimeout(() => {
      const active = document.activeElement;
      if (location.hash || !active?.closest("nav")) return;
      const heading = document.querySelector<HTMLElement>("main h1");
      if (heading) focusHolder(heading, true);
    }, SETTLE_MS);
    return () => clearTimeout(timer);
  }, [pathname]);

  useEffect(() => {
    let last: Element | null = null;
    let region: HTMLElement | null = null;
    let href = "";
    let timer: ReturnType<typeof setTimeout> | undefined;

    const onFocusIn = (event: FocusEvent) => {
      last = event.target instanceof Element ? event.target : null;
      region = last?.closest<HTMLElement>("main section") ?? null;
    };
    const rescue = () => {
      if (!last || last.isConnected || !focusLost()) return;
      // The section is where the user was, so it may scroll into view; the page heading may be far
      // from where they are reading (a toast's button at the bottom), so it does not scroll.
      if (region?.isConnected) return focusHolder(region, false);
      const heading = document.querySelector<HTMLElement>("main h1") ?? document.getElementById("main");
      if (heading) focusHolder(heading, true);
    };
    const followHash = () => {
      if (location.href === href) return;
      href = location.href;
      // Even from a link inside it (Older, Newer): that link has moved out of view with the new rows.
      const target = hashTarget();
      if (target) focusHolder(target, true);
    };

    followHash();
    const observer = new MutationObserver(() => {
      followHash();
      if (!last || last.isConnected || !focusLost()) return;
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
