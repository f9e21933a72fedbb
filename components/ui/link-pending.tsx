"use client";
// Feedback while a link's page loads, without a loading.tsx Suspense boundary (which made every
// first load stream the page in two parts and delayed its largest paint, docs/performance.md#p7). Render inside a
// next/link Link: it reads that link's navigation state.
import type { ReactNode } from "react";
import { useLinkStatus } from "next/link";
import { Spinner } from "./spinner";

/** Shows `children` (e.g. the link's icon) normally and a spinner of the same size while loading. */
export function LinkPendingIcon({ children, className = "size-5" }: { children: ReactNode; className?: string }) {
  const { pending } = useLinkStatus();
  return pending ? <Spinner label="Loading…" className={className} /> : <>{children}</>;
}

/** A thin pulsing bar along the bottom of a (relative) tab link while its page loads. */
export function LinkPendingBar() {
  const { pending } = useLinkStatus();
  return pending ? (
    <span role="status" className="absolute inset-x-0 -bottom-px h-0.5 bg-accent-400 motion-safe:animate-pulse">
      <span className="sr-only">Loading…</span>
    </span>
  ) : null;
}
