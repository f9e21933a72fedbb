"use client";
// One listener for the whole page instead of one client component per date: when the pointer (or
// focus) reaches a <DateTime>, its tooltip becomes the instant in the reader's own time zone,
// e.g. "22 Nov 2026, 15:05 (Europe/Berlin)". The visible text stays UTC.
import { useEffect } from "react";
import { formatLocal } from "@/lib/datetime";

export function LocalTimeTitles() {
  useEffect(() => {
    const fill = (event: Event) => {
      const time = (event.target as Element | null)?.closest?.("time[data-local-title]");
      if (!time || time.hasAttribute("title")) return;
      const text = formatLocal(time.getAttribute("datetime") ?? "");
      if (text) time.setAttribute("title", text);
    };
    document.addEventListener("pointerover", fill, { passive: true });
    document.addEventListener("focusin", fill);
    return () => {
      document.removeEventListener("pointerover", fill);
      document.removeEventListener("focusin", fill);
    };
  }, []);
  return null;
}
