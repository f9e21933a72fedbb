import type { Metadata } from "next";
import { LinkButton } from "@/components/ui/button";
import { InfoIcon } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Not found" };

/** Unknown addresses, and ids that do not exist in the caller's organisation (same answer). */
export default function NotFound() {
  return (
    <main className="flex min-h-[70dvh] flex-col items-center justify-center gap-4 px-4 py-16 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-slate-100 text-slate-700">
        <InfoIcon className="size-6" />
      </span>
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="max-w-md text-slate-600">This page does not exist, or it was deleted. Check the address, or start again from your streams.</p>
      <LinkButton href="/streams" variant="primary">Back to streams</LinkButton>
    </main>
  );
}
