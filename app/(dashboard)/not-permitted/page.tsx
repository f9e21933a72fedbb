import type { Metadata } from "next";
import { LinkButton } from "@/components/ui/button";
import { ShieldIcon } from "@/components/ui/icons";

export const metadata: Metadata = { title: "Not permitted" };
// Rendered per request: it stands in for credential pages, which must never be cached.
export const dynamic = "force-dynamic";

/**
 * Shown (with status 403) when the signed-in role may not open a page; inside the dashboard's frame,
 * so the way on is the same navigation as everywhere else.
 */
export default function NotPermittedPage() {
  return (
    <div className="flex min-h-[60dvh] flex-col items-center justify-center gap-4 px-4 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-amber-100 text-amber-800">
        <ShieldIcon className="size-6" />
      </span>
      <h1 className="text-xl font-semibold">Not permitted</h1>
      <p className="max-w-md text-slate-600">
        Your permission level does not allow this page. Ask an admin of your organisation if you need access.
      </p>
      <LinkButton href="/streams" variant="primary">Back to streams</LinkButton>
    </div>
  );
}
