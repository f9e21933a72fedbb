import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/errors/not-found-panel";

export const metadata: Metadata = { title: "Not found" };

/**
 * notFound() in a dashboard page (an id not in the caller's organisation) lands here, inside the
 * shell's <main>: so no <main> of its own. Unknown addresses still get the root not-found.
 */
export default function DashboardNotFound() {
  return <NotFoundPanel />;
}
