import type { Metadata } from "next";
import { NotFoundPanel } from "@/components/errors/not-found-panel";

export const metadata: Metadata = { title: "Not found" };

/** Unknown addresses, and ids that do not exist in the caller's organisation (same answer). */
export default function NotFound() {
  return (
    <main>
      <NotFoundPanel />
    </main>
  );
}
