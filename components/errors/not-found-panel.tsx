// What a 404 shows: the page does not exist (or is not in the caller's organisation: same
// answer), and a way back. No landmark of its own: the root not-found wraps it in <main>, the
// dashboard's renders it inside the shell's <main>.
import { LinkButton } from "@/components/ui/button";
import { InfoIcon } from "@/components/ui/icons";

export function NotFoundPanel() {
  return (
    <div className="flex min-h-[70dvh] flex-col items-center justify-center gap-4 px-4 py-16 text-center">
      <span className="flex size-12 items-center justify-center rounded-full bg-slate-100 text-slate-700">
        <InfoIcon className="size-6" />
      </span>
      <h1 className="text-xl font-semibold">Page not found</h1>
      <p className="max-w-md text-slate-600">This page does not exist, or it was deleted. Check the address, or start again from your streams.</p>
      <LinkButton href="/streams" variant="primary">Back to streams</LinkButton>
    </div>
  );
}
